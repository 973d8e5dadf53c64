/**
 * Connection files as written for `orchestrate connections import`, one per kind (with the
 * aliases and the sso shapes), shared by the unit, CLI and API tests. `{id}` is replaced by a
 * unique suffix so every test writes its own app ids.
 */
export const ORCHESTRATE_EXAMPLES = `spec_version: v1
kind: connection
app_id: basic_{id}
environments:
  draft:
    kind: basic
    type: team
    server_url: https://api.example.com/
  live:
    kind: basic
    type: member
    server_url: https://api.example.com/
---
spec_version: v1
kind: connection
app_id: bearer_{id}
resource:
  component: knowledge
  category: milvus
environments:
  draft:
    kind: bearer
    type: team
    server_url: https://bearer.example.com
---
spec_version: v1
kind: connection
app_id: apikey_{id}
environments:
  draft:
    kind: api_key
    type: member
    server_url: https://apikey.example.com
    custom_config_entries:
      region: eu
---
spec_version: v1
kind: connection
app_id: kv_{id}
environments:
  draft:
    kind: kv
    type: team
  live:
    kind: key_value
    type: team
---
spec_version: v1
kind: connection
app_id: authcode_{id}
environments:
  draft:
    kind: oauth_auth_code_flow
    type: member
    server_url: https://graph.example.com
---
spec_version: v1
kind: connection
app_id: clientcreds_{id}
environments:
  draft:
    kind: oauth_auth_client_credentials_flow
    type: team
    server_url: https://cc.example.com
---
spec_version: v1
kind: connection
app_id: password_{id}
environments:
  live:
    kind: oauth_auth_password_flow
    type: member
---
spec_version: v1
kind: connection
app_id: exchange_{id}
environments:
  draft:
    kind: oauth_auth_token_exchange
    type: member
    sso: true
    server_url: https://exchange.example.com
---
spec_version: v1
kind: connection
app_id: obo_{id}
environments:
  draft:
    kind: oauth_auth_on_behalf_of_flow
    type: member
    sso: true
    server_url: https://obo.example.com
    idp_config:
      header:
        content-type: application/x-www-form-urlencoded
      body:
        requested_token_use: on_behalf_of
        requested_token_type: urn:ietf:params:oauth:token-type:jwt
    app_config:
      header:
        content-type: application/x-www-form-urlencoded
---
spec_version: v1
kind: connection
app_id: direct_{id}
environments:
  draft:
    kind: oauth_auth_direct_access_flow
    type: member
    sso: true
---
spec_version: v1
kind: connection
app_id: implicit_{id}
environments:
  draft:
    kind: oauth_auth_implicit_flow
    type: team
`;

export function orchestrateExamples(id: string): string {
  return ORCHESTRATE_EXAMPLES.replaceAll('{id}', id);
}

export const EXAMPLE_PREFIXES = ['basic', 'bearer', 'apikey', 'kv', 'authcode', 'clientcreds', 'password', 'exchange', 'obo', 'direct', 'implicit'];
