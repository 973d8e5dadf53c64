import type { EnvironmentConfig } from '@/lib/connections/connection-schema';

/**
 * Connection files in the styles found in public watsonx Orchestrate projects (the ADK's examples
 * and skill notes, workshops, templates), written for these tests. Each says what
 * `orchestrate connections import` decides: accepted (with the warnings we add for what it
 * ignores) or refused (with its reason). `{id}` makes every app id unique per run.
 */
export type CorpusFile =
  | { name: string; text: string; accept: true; appId: string; warnings?: RegExp[]; environments?: Partial<Record<'draft' | 'live', Partial<EnvironmentConfig>>> }
  | { name: string; text: string; accept: false; error: RegExp };

const H = 'spec_version: v1\nkind: connection\n';

export const ADK_CORPUS: CorpusFile[] = [
  // Hyphenated app ids, as in the ADK's customer care example and many workshops.
  { name: 'basic, hyphenated id', accept: true, appId: 'service-now-{id}', text: `${H}app_id: service-now-{id}\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    server_url: https://dev12345.service-now.com\n`, environments: { draft: { kind: 'basic', type: 'team', server_url: 'https://dev12345.service-now.com' } } },
  { name: 'api key, draft and live, hyphenated id', accept: true, appId: 'google-maps-{id}', text: `${H}app_id: google-maps-{id}\nenvironments:\n  draft:\n    kind: api_key\n    type: team\n    server_url: https://maps.googleapis.com\n  live:\n    kind: api_key\n    type: team\n    server_url: https://maps.googleapis.com\n`, environments: { live: { kind: 'api_key', type: 'team' } } },
  { name: 'kv alias, both environments', accept: true, appId: 'm-gmail-conn-{id}', text: `${H}app_id: m-gmail-conn-{id}\nenvironments:\n  draft:\n    kind: kv\n    type: team\n  live:\n    kind: key_value\n    type: team\n`, environments: { draft: { kind: 'key_value' }, live: { kind: 'key_value' } } },
  { name: 'four-space indentation, sso false', accept: true, appId: 'basic-connection-app-{id}', text: `${H}app_id: basic-connection-app-{id}\nenvironments:\n    draft:\n        kind: basic\n        type: team\n        sso: false\n        server_url: https://example.com/\n`, environments: { draft: { sso: false } } },
  { name: 'resource block (knowledge/milvus)', accept: true, appId: 'external-milvus-{id}', text: `${H}app_id: external-milvus-{id}\nresource:\n  component: knowledge\n  category: milvus\nenvironments:\n  draft:\n    kind: basic\n    type: team\n` },
  { name: 'spec_version 1.0.0', accept: true, appId: 'versioned_{id}', text: `spec_version: 1.0.0\nkind: connection\napp_id: versioned_{id}\nenvironments:\n  draft: { kind: bearer, type: team }\n` },
  { name: 'JSON file', accept: true, appId: 'json-conn-{id}', text: `{"spec_version": "v1", "kind": "connection", "app_id": "json-conn-{id}", "environments": {"draft": {"kind": "bearer", "type": "member"}}}\n`, environments: { draft: { kind: 'bearer', type: 'member' } } },
  { name: 'client credentials with custom config entries', accept: true, appId: 'booking-mcp-{id}', text: `${H}app_id: booking-mcp-{id}\nenvironments:\n  draft:\n    kind: oauth_auth_client_credentials_flow\n    type: team\n    server_url: https://mcp.example.com\n    custom_config_entries:\n      region: eu\n`, environments: { draft: { kind: 'oauth_auth_client_credentials_flow', custom_config_entries: { region: 'eu' } } } },

  // The ADK's own field names (security_scheme + auth_type, preference, *_data, custom_runtime_creds).
  { name: 'security_scheme api_key_auth', accept: true, appId: 'apify-{id}', text: `${H}app_id: apify-{id}\nenvironments:\n  draft:\n    security_scheme: api_key_auth\n    type: team\n    server_url: https://api.apify.com\n`, environments: { draft: { kind: 'api_key' } } },
  { name: 'security_scheme key_value_creds with preference', accept: true, appId: 'watsonxai-{id}', text: `${H}app_id: watsonxai-{id}\nenvironments:\n  draft:\n    security_scheme: key_value_creds\n    preference: team\n`, environments: { draft: { kind: 'key_value', type: 'team' } } },
  { name: 'security_scheme basic_auth, preference member', accept: true, appId: 'workday_{id}', text: `${H}app_id: workday_{id}\nenvironments:\n  live:\n    security_scheme: basic_auth\n    preference: member\n    server_url: https://wd2-impl-services1.workday.com/ccx\n`, environments: { live: { kind: 'basic', type: 'member' } } },
  {
    name: 'oauth2 + auth_type with extra keys the ADK ignores',
    accept: true,
    appId: 'google_sheets_{id}',
    text: `${H}app_id: google_sheets_{id}\nenvironments:\n  draft:\n    security_scheme: oauth2\n    auth_type: oauth2_auth_code\n    type: team\n    server_url: https://sheets.googleapis.com\n    auth_url: https://accounts.google.com/o/oauth2/v2/auth\n    token_url: https://oauth2.googleapis.com/token\n    scope:\n      - https://www.googleapis.com/auth/spreadsheets.readonly\n`,
    warnings: [/line 10, environments\.draft\.auth_url: Unknown field "auth_url" is ignored/, /line 11, environments\.draft\.token_url: Unknown field "token_url" is ignored/, /line 12, environments\.draft\.scope: Unknown field "scope" is ignored/],
    environments: { draft: { kind: 'oauth_auth_code_flow', type: 'team' } },
  },
  { name: 'oauth2 client creds by auth_type', accept: true, appId: 'cc-{id}', text: `${H}app_id: cc-{id}\nenvironments:\n  live:\n    security_scheme: oauth2\n    auth_type: oauth2_client_creds\n    preference: team\n`, environments: { live: { kind: 'oauth_auth_client_credentials_flow' } } },
  { name: 'as the ADK exports it: custom_runtime_creds', accept: true, appId: 'exported-{id}', text: `${H}app_id: exported-{id}\nenvironments:\n  draft:\n    kind: api_key\n    type: team\n    server_url: https://api.example.com\n    custom_runtime_creds:\n      tenant: acme\n`, environments: { draft: { custom_config_entries: { tenant: 'acme' } } } },
  {
    name: 'on-behalf-of with idp_config_data / app_config_data',
    accept: true,
    appId: 'obo-data-{id}',
    text: `${H}app_id: obo-data-{id}\nenvironments:\n  live:\n    security_scheme: oauth2\n    auth_type: oauth_on_behalf_of_flow\n    preference: member\n    sso: true\n    idp_config_data:\n      header:\n        content-type: application/x-www-form-urlencoded\n      body:\n        requested_token_use: on_behalf_of\n        requested_token_type: urn:ietf:params:oauth:token-type:saml2\n    app_config_data:\n      header:\n        content-type: application/x-www-form-urlencoded\n`,
    environments: { live: { kind: 'oauth_auth_on_behalf_of_flow', sso: true, idp_config: { header: { 'content-type': 'application/x-www-form-urlencoded' }, body: { requested_token_use: 'on_behalf_of', requested_token_type: 'urn:ietf:params:oauth:token-type:saml2' } } } },
  },
  {
    name: 'the ADK sample: basic draft, on-behalf-of live (trailing comma kept as text)',
    accept: true,
    appId: 'my_app_{id}',
    text: `${H}app_id: my_app_{id}\nenvironments:\n    draft:\n        kind: basic\n        type: team\n        sso: false\n        server_url: https://wd2-impl-services1.workday.com/ccx\n    live:\n        kind: oauth_auth_on_behalf_of_flow\n        type: member\n        sso: true\n        server_url: https://wd2-impl-services1.workday.com/ccx\n        idp_config:\n          header:\n            content-type: application/x-www-form-urlencoded\n          body:\n            requested_token_use: on_behalf_of,\n            requested_token_type: urn:ietf:params:oauth:token-type:saml2\n        app_config:\n          header:\n            content-type: application/x-www-form-urlencoded\n`,
    environments: { live: { idp_config: { header: { 'content-type': 'application/x-www-form-urlencoded' }, body: { requested_token_use: 'on_behalf_of,', requested_token_type: 'urn:ietf:params:oauth:token-type:saml2' } } } },
  },
  { name: 'kind and security_scheme disagree: the scheme wins, as in the ADK', accept: true, appId: 'mixed-{id}', text: `${H}app_id: mixed-{id}\nenvironments:\n  draft:\n    kind: bearer\n    security_scheme: api_key_auth\n    type: team\n`, warnings: [/environments\.draft\.kind: kind "bearer" is ignored: security_scheme\/auth_type say api_key/], environments: { draft: { kind: 'api_key' } } },
  { name: 'token exchange, member with sso', accept: true, appId: 'exchange-{id}', text: `${H}app_id: exchange-{id}\nenvironments:\n  draft:\n    kind: oauth_auth_token_exchange_flow\n    type: member\n    sso: true\n` },

  // Unknown keys: warnings, never stored.
  {
    name: 'template with name, description, headers and a commented-out app_config body',
    accept: true,
    appId: 'oauth-sso-connection-{id}',
    text: `${H}app_id: oauth-sso-connection-{id}\nname: oauth_sso_connection\ndescription: "OAuth with SSO for enterprise integrations"\nenvironments:\n  draft:\n    kind: oauth_auth_on_behalf_of_flow\n    type: member\n    sso: true\n    server_url: "https://{{SERVER_URL}}"\n    headers:\n      Content-Type: "application/json"\n    idp_config:\n      header:\n        content-type: application/x-www-form-urlencoded\n      body:\n        requested_token_use: on_behalf_of\n        requested_token_type: urn:ietf:params:oauth:token-type:saml2\n    app_config:\n      header:\n        content-type: application/x-www-form-urlencoded\n      body:\n        # grant_type: authorization_code\n`,
    warnings: [/line 4, name: Unknown field "name" is ignored/, /line 5, description: Unknown field "description" is ignored/, /line 12, environments\.draft\.headers: Unknown field "headers" is ignored/, /line 23, environments\.draft\.app_config\.body: Unknown field "body" is ignored/, /server_url "https:\/\/\{\{SERVER_URL\}\}" is not an http\(s\) URL yet/],
  },
  { name: 'catalog block of an ADK export', accept: true, appId: 'adk-export-{id}', text: `${H}app_id: adk-export-{id}\ncatalog:\n  name: null\n  description: null\n  icon: null\nenvironments:\n  draft: { kind: bearer, type: team }\n`, warnings: [/line 4, catalog: Unknown field "catalog" is ignored/] },

  // `auth:` blocks: credentials written into the file (ignored), or the builder settings of SPEC §3.
  { name: 'auth: with credentials (ignored)', accept: true, appId: 'jira-{id}', text: `${H}app_id: jira-{id}\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    server_url: https://acme.atlassian.net\n    auth:\n      type: basic\n      username: "{{JIRA_USERNAME}}"\n      password: "{{JIRA_API_TOKEN}}"\n`, warnings: [/line 9, environments\.draft\.auth: auth: is ignored: it is not the auth settings block/] },
  { name: 'auth: as builder settings (read as auth_settings)', accept: true, appId: 'graph-{id}', text: `${H}app_id: graph-{id}\nenvironments:\n  draft:\n    kind: oauth_auth_code_flow\n    type: member\n    auth:\n      scopes:\n        delimiter: space\n        items:\n          - { name: User.Read, required: true }\n`, environments: { draft: { auth_settings: { scopes: { delimiter: 'space', items: [{ name: 'User.Read', required: true }], allow_customize: false, allow_additional: false }, parameters: [], config_values: [] } } } },

  // server_url templates: kept as text with a warning; dangerous schemes refused.
  { name: 'unresolved server_url template', accept: true, appId: 'sterling-oms-{id}', text: `${H}app_id: sterling-oms-{id}\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    server_url: "{STERLING_OMS[base_url]}"\n`, warnings: [/"sterling-oms-.*" draft: server_url "\{STERLING_OMS\[base_url\]\}" is not an http\(s\) URL yet/], environments: { draft: { server_url: '{STERLING_OMS[base_url]}' } } },
  { name: 'javascript: server_url', accept: false, error: /server_url must be an http/, text: `${H}app_id: js-{id}\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    server_url: "javascript:alert(1)"\n` },
  { name: 'data: server_url', accept: false, error: /server_url must be an http/, text: `${H}app_id: data-{id}\nenvironments:\n  draft:\n    kind: bearer\n    type: team\n    server_url: "data:text/html,<script>alert(1)</script>"\n` },
  { name: 'file: server_url', accept: false, error: /server_url must be an http/, text: `${H}app_id: file-{id}\nenvironments:\n  draft:\n    kind: bearer\n    type: team\n    server_url: file:///etc/passwd\n` },

  // Refused as the ADK refuses them.
  { name: 'no spec_version', accept: false, error: /No 'spec_version' found/, text: `kind: connection\napp_id: nospec-{id}\nenvironments:\n  draft: { kind: basic, type: team }\n` },
  { name: 'kind: connections (plural)', accept: false, error: /Field 'kind' must have the value 'connection'/, text: `spec_version: v1\nkind: connections\napp_id: plural-{id}\nenvironments:\n  draft: { kind: basic, type: team }\n` },
  { name: 'no kind', accept: false, error: /No 'kind' found/, text: `spec_version: v1\napp_id: nokind-{id}\nenvironments:\n  draft: { kind: basic, type: team }\n` },
  { name: 'no environments', accept: false, error: /No 'environments' found/, text: `${H}app_id: zosmf-{id}\n` },
  { name: 'empty environments', accept: false, error: /No 'environments' found/, text: `${H}app_id: empty-{id}\nenvironments: {}\n` },
  { name: 'environment without type', accept: false, error: /type is required: team or member/, text: `${H}app_id: notype-{id}\nenvironments:\n  draft:\n    kind: basic\n` },
  { name: 'type: bearer_token (a workshop slip)', accept: false, error: /Type must be team or member/, text: `${H}app_id: github_api_{id}\nenvironments:\n  draft:\n    kind: bearer\n    type: bearer_token\n` },
  { name: 'security_scheme oauth2 without auth_type', accept: false, error: /security_scheme oauth2 needs an auth_type, one of: oauth2_auth_code/, text: `${H}app_id: noauthtype-{id}\nenvironments:\n  draft:\n    security_scheme: oauth2\n    type: team\n` },
  { name: 'auth_type authorization_code (not an ADK name)', accept: false, error: /needs an auth_type.*got auth_type "authorization_code"/, text: `${H}app_id: badauthtype-{id}\nenvironments:\n  draft:\n    security_scheme: oauth2\n    auth_type: authorization_code\n    type: team\n` },
  { name: 'security_scheme custom_auth with auth/headers/endpoints', accept: false, error: /Unknown security_scheme "custom_auth"/, text: `${H}app_id: salesforce_simple_{id}\nname: salesforce_simple\nenvironments:\n  draft:\n    connection_type: custom_auth\n    base_url: "https://{{SALESFORCE_INSTANCE}}.salesforce.com"\n    preference: team\n    security_scheme: custom_auth\n    auth:\n      type: custom\n      username: "{{SALESFORCE_USERNAME}}"\n    endpoints:\n      login: "/services/oauth2/token"\n` },
  { name: 'on-behalf-of without requested_token_type', accept: false, error: /needs idp_config\.body\.requested_token_type/, text: `${H}app_id: obo-half-{id}\nenvironments:\n  live:\n    kind: oauth_auth_on_behalf_of_flow\n    type: member\n    sso: true\n    idp_config:\n      body:\n        requested_token_use: on_behalf_of\n` },
  { name: 'sso: no', accept: false, error: /sso must be true or false \(a YAML boolean\); got "no"/, text: `${H}app_id: ssono-{id}\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    sso: no\n` },
  { name: 'misspelled type', accept: false, error: /Unknown field "typ": did you mean "type"\?/, text: `${H}app_id: typo-{id}\nenvironments:\n  draft:\n    kind: basic\n    typ: team\n` },
  { name: 'misspelled kind', accept: false, error: /Unknown field "knd": did you mean "kind"\?/, text: `${H}app_id: typo2-{id}\nenvironments:\n  draft:\n    knd: basic\n    type: team\n` },
  { name: 'misspelled server_url', accept: false, error: /Unknown field "server_ur": did you mean "server_url"\?/, text: `${H}app_id: typo3-{id}\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    server_ur: https://example.com\n` },
  { name: 'unknown environment', accept: false, error: /Unknown field "production": environments are draft and live/, text: `${H}app_id: prod-{id}\nenvironments:\n  production:\n    kind: basic\n    type: team\n` },
  { name: 'key_value as member', accept: false, error: /cannot be member/, text: `${H}app_id: kvmember-{id}\nenvironments:\n  draft:\n    kind: key_value\n    type: member\n` },
  { name: 'direct access as team', accept: false, error: /SSO requires type: member/, text: `${H}app_id: direct-{id}\nenvironments:\n  draft:\n    kind: oauth_auth_direct_access_flow\n    type: team\n    sso: true\n` },
  { name: 'app id starting with a hyphen', accept: false, error: /letters, digits, _ and -, starting with a letter or digit/, text: `${H}app_id: -leading-{id}\nenvironments:\n  draft: { kind: basic, type: team }\n` },
];

export function corpusText(file: CorpusFile, id: string): string {
  return file.text.replaceAll('{id}', id);
}
