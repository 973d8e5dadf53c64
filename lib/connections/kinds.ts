/**
 * The registry of connection kinds (SPEC §2): every kind, the credential fields it takes, and the
 * rules on type and sso. Forms, zod schemas, the CLI and the docs are generated from it.
 */
export const KINDS = [
  'basic',
  'bearer',
  'api_key',
  'key_value',
  'oauth_auth_code_flow',
  'oauth_auth_client_credentials_flow',
  'oauth_auth_password_flow',
  'oauth_auth_token_exchange_flow',
  'oauth_auth_on_behalf_of_flow',
  'oauth_auth_direct_access_flow',
  'oauth_auth_implicit_flow',
] as const;

export type Kind = (typeof KINDS)[number];

export const KIND_ALIASES: Record<string, Kind> = {
  kv: 'key_value',
  oauth_auth_token_exchange: 'oauth_auth_token_exchange_flow',
};

export const ENVIRONMENTS = ['draft', 'live'] as const;
export type EnvName = (typeof ENVIRONMENTS)[number];

export const CONNECTION_TYPES = ['team', 'member'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export type FieldInput =
  | 'text'
  | 'secret'
  | 'url'
  | 'scope'
  | 'send_via'
  | 'grant_type'
  | 'entries'
  | 'token_entries'
  | 'auth_entries';

/**
 * How a field is spelled on the CLI, as `orchestrate connections` spells it: the long flag, its
 * short form and other accepted spellings. The CLI's options and help are generated from these.
 */
export type CliFlag = { flag: string; short?: string; aliases?: string[]; help: string };

export type FieldDef = {
  name: string;
  label: string;
  input: FieldInput;
  secret: boolean;
  required: boolean;
  /**
   * `registration`: the builder's client registration, shared by all members of a member connection.
   * `owner`: supplied by whoever owns the credentials (the team, or each member).
   */
  part: 'registration' | 'owner';
  /** Its flag on `set-credentials` (`set-identity-provider` for the identity_provider group). */
  cli: CliFlag;
  group?: 'identity_provider';
  help?: string;
  placeholder?: string;
};

export type OAuthGrant =
  | 'authorization_code'
  | 'client_credentials'
  | 'password'
  | 'token_exchange'
  | 'on_behalf_of'
  | 'direct_access'
  | 'implicit';

export type KindDef = {
  kind: Kind;
  label: string;
  description: string;
  grant: OAuthGrant | null;
  fields: FieldDef[];
  allowedTypes: ConnectionType[];
  /** `required`: the kind needs `sso: true`; `forbidden`: `sso: true` is invalid with it. */
  sso: 'required' | 'forbidden';
  needsIdpConfig: boolean;
  deprecated?: string;
};

export const IMPLICIT_FLOW_MESSAGE =
  'The OAuth implicit flow is deprecated (RFC 9700, OAuth 2.0 Security Best Current Practice) and is never run. ' +
  'Use oauth_auth_code_flow, which this console runs with PKCE.';

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const f = (
  name: string,
  label: string,
  input: FieldInput,
  cli: CliFlag,
  options: Partial<Pick<FieldDef, 'required' | 'part' | 'group' | 'help' | 'placeholder'>> = {},
): FieldDef => ({
  name,
  label,
  input,
  secret: input === 'secret' || input === 'entries',
  required: options.required ?? false,
  part: options.part ?? 'registration',
  cli,
  group: options.group,
  help: options.help,
  placeholder: options.placeholder,
});

const clientId = f('client_id', 'Client ID', 'text', { flag: 'client-id', help: 'the OAuth client id' }, { required: true });
const clientSecret = (required: boolean) =>
  f('client_secret', 'Client secret', 'secret', { flag: 'client-secret', help: 'the OAuth client secret' }, { required });
const tokenUrl = f('token_url', 'Token URL', 'url', { flag: 'token-url', help: 'the token endpoint' }, { required: true, placeholder: 'https://idp.example.com/oauth2/token' });
const scope = f('scope', 'Scopes', 'scope', { flag: 'scope', help: 'scopes, comma or space separated' }, { help: 'Comma or space separated.' });
const sendVia = f('send_via', 'Send client credentials via', 'send_via', { flag: 'send-via', help: 'header or body: how the client authenticates' }, {
  help: 'Header (client_secret_basic) or body (client_secret_post). Empty: header, then body if the provider rejects it.',
});
const tokenEntries = f('token_entries', 'Token request entries', 'token_entries', { flag: 'token-entries', short: 't', help: '[location:]key=value for the token request (header, body, query)' }, {
  help: 'Extra values for the token request: location:key=value, location header, body or query (default header).',
});
const grantType = (fallback: string) =>
  f('grant_type', 'Grant type', 'grant_type', { flag: 'grant-type', help: 'the grant type of the token request' }, { placeholder: fallback });
const ownerUsername = f('username', 'Username', 'text', { flag: 'username', short: 'u', help: 'the username' }, { required: true, part: 'owner' });
const ownerPassword = f('password', 'Password', 'secret', { flag: 'password', short: 'p', help: 'the password' }, { required: true, part: 'owner' });

export const KIND_REGISTRY: Record<Kind, KindDef> = {
  basic: {
    kind: 'basic',
    label: 'Basic auth',
    description: 'A username and password sent with each request.',
    grant: null,
    fields: [ownerUsername, ownerPassword],
    allowedTypes: ['team', 'member'],
    sso: 'forbidden',
    needsIdpConfig: false,
  },
  bearer: {
    kind: 'bearer',
    label: 'Bearer token',
    description: 'A static bearer token.',
    grant: null,
    fields: [f('token', 'Token', 'secret', { flag: 'token', help: 'the bearer token' }, { required: true, part: 'owner' })],
    allowedTypes: ['team', 'member'],
    sso: 'forbidden',
    needsIdpConfig: false,
  },
  api_key: {
    kind: 'api_key',
    label: 'API key',
    description: 'A static API key.',
    grant: null,
    fields: [f('api_key', 'API key', 'secret', { flag: 'api-key', short: 'k', help: 'the API key' }, { required: true, part: 'owner' })],
    allowedTypes: ['team', 'member'],
    sso: 'forbidden',
    needsIdpConfig: false,
  },
  key_value: {
    kind: 'key_value',
    label: 'Key-value pairs',
    description: 'Arbitrary key=value entries, all kept secret.',
    grant: null,
    fields: [f('entries', 'Entries', 'entries', { flag: 'entries', short: 'e', help: 'key=value' }, { required: true, part: 'owner' })],
    allowedTypes: ['team'],
    sso: 'forbidden',
    needsIdpConfig: false,
  },
  oauth_auth_code_flow: {
    kind: 'oauth_auth_code_flow',
    label: 'OAuth authorization code',
    description: 'Users consent on the provider’s page; the server keeps the tokens fresh. Runs with PKCE.',
    grant: 'authorization_code',
    fields: [
      clientId,
      clientSecret(false),
      f('authorization_url', 'Authorization URL', 'url', { flag: 'authorization-url', aliases: ['auth-url'], help: 'the consent page URL' }, { required: true, placeholder: 'https://idp.example.com/oauth2/authorize' }),
      tokenUrl,
      scope,
      sendVia,
      tokenEntries,
      f('auth_entries', 'Authorization URL parameters', 'auth_entries', { flag: 'auth-entries', help: '[query:]key=value for the consent page URL' }, {
        help: 'Extra query parameters for the consent page: key=value (location query only).',
      }),
    ],
    allowedTypes: ['team', 'member'],
    sso: 'forbidden',
    needsIdpConfig: false,
  },
  oauth_auth_client_credentials_flow: {
    kind: 'oauth_auth_client_credentials_flow',
    label: 'OAuth client credentials',
    description: 'A machine-to-machine token fetched with the client’s own credentials.',
    grant: 'client_credentials',
    fields: [clientId, clientSecret(true), tokenUrl, scope, sendVia, tokenEntries],
    allowedTypes: ['team', 'member'],
    sso: 'forbidden',
    needsIdpConfig: false,
  },
  oauth_auth_password_flow: {
    kind: 'oauth_auth_password_flow',
    label: 'OAuth password',
    description: 'A token fetched with a username and password (resource owner password grant).',
    grant: 'password',
    fields: [clientId, clientSecret(false), ownerUsername, ownerPassword, tokenUrl, scope, sendVia, tokenEntries],
    allowedTypes: ['team', 'member'],
    sso: 'forbidden',
    needsIdpConfig: false,
  },
  oauth_auth_token_exchange_flow: {
    kind: 'oauth_auth_token_exchange_flow',
    label: 'OAuth token exchange',
    description: 'The member’s sign-in token is exchanged for a token of the application (RFC 8693).',
    grant: 'token_exchange',
    fields: [clientId, clientSecret(false), tokenUrl, grantType(TOKEN_EXCHANGE_GRANT), tokenEntries],
    allowedTypes: ['member'],
    sso: 'required',
    needsIdpConfig: false,
  },
  oauth_auth_on_behalf_of_flow: {
    kind: 'oauth_auth_on_behalf_of_flow',
    label: 'OAuth on behalf of',
    description: 'An identity provider token is exchanged for an application token (JWT bearer, RFC 7523).',
    grant: 'on_behalf_of',
    fields: [
      f('idp_url', 'Identity provider token URL', 'url', { flag: 'url', short: 'u', help: 'the identity provider token URL' }, { required: true, group: 'identity_provider' }),
      f('idp_client_id', 'Identity provider client ID', 'text', { flag: 'client-id', help: 'the client id at the identity provider' }, { required: true, group: 'identity_provider' }),
      f('idp_client_secret', 'Identity provider client secret', 'secret', { flag: 'client-secret', help: 'the client secret at the identity provider' }, { group: 'identity_provider' }),
      f('idp_scope', 'Identity provider scopes', 'scope', { flag: 'scope', help: 'identity provider scopes, comma or space separated' }, { group: 'identity_provider' }),
      f('idp_grant_type', 'Identity provider grant type', 'grant_type', { flag: 'grant-type', help: 'the grant type at the identity provider' }, { group: 'identity_provider', placeholder: TOKEN_EXCHANGE_GRANT }),
      f('idp_token_entries', 'Identity provider token request entries', 'token_entries', { flag: 'token-entries', short: 't', help: '[location:]key=value for the identity provider token request' }, {
        group: 'identity_provider',
        help: 'Extra values for the identity provider token request: location:key=value (header, body or query; default header).',
      }),
      clientId,
      tokenUrl,
      grantType(JWT_BEARER_GRANT),
      tokenEntries,
    ],
    allowedTypes: ['member'],
    sso: 'required',
    needsIdpConfig: true,
  },
  oauth_auth_direct_access_flow: {
    kind: 'oauth_auth_direct_access_flow',
    label: 'OAuth direct access',
    description: 'The member’s own sign-in token is passed through unchanged.',
    grant: 'direct_access',
    fields: [],
    allowedTypes: ['member'],
    sso: 'required',
    needsIdpConfig: false,
  },
  oauth_auth_implicit_flow: {
    kind: 'oauth_auth_implicit_flow',
    label: 'OAuth implicit (deprecated)',
    description: IMPLICIT_FLOW_MESSAGE,
    grant: 'implicit',
    fields: [],
    allowedTypes: ['team', 'member'],
    sso: 'forbidden',
    needsIdpConfig: false,
    deprecated: IMPLICIT_FLOW_MESSAGE,
  },
};

export const DEFAULT_GRANT_TYPES: Partial<Record<Kind, string>> = {
  oauth_auth_token_exchange_flow: TOKEN_EXCHANGE_GRANT,
  oauth_auth_on_behalf_of_flow: JWT_BEARER_GRANT,
};

export function normalizeKind(value: string): Kind | undefined {
  return KINDS.find((kind) => kind === value) ?? KIND_ALIASES[value];
}

export function isOAuthKind(kind: Kind): boolean {
  return KIND_REGISTRY[kind].grant !== null;
}

/**
 * The fields a given owner sets. Team connections: all of them. Member connections: the builder
 * sets the `registration` part once (as the team row) and each member sets the `owner` part.
 */
export function fieldsFor(kind: Kind, type: ConnectionType, who: 'team' | 'member'): FieldDef[] {
  const fields = KIND_REGISTRY[kind].fields;
  if (type === 'team') return who === 'team' ? fields : [];
  // Non-OAuth member connections have no shared registration: each member sets everything.
  if (!isOAuthKind(kind)) return who === 'member' ? fields : [];
  return fields.filter((field) => field.part === (who === 'team' ? 'registration' : 'owner'));
}

export function secretFieldNames(kind: Kind): string[] {
  return KIND_REGISTRY[kind].fields.filter((field) => field.secret).map((field) => field.name);
}

/**
 * The environment settings `configure` takes (SPEC §2), spelled as `orchestrate connections
 * configure` spells them. `value: 'boolean'` flags take no value; `'list'` ones repeat.
 */
export type ConfigureField = 'kind' | 'type' | 'server_url' | 'sso' | 'custom_config_entries' | 'idp_token_use' | 'idp_token_type' | 'idp_token_header' | 'app_token_header';

export const CONFIGURE_FLAGS: Record<ConfigureField, CliFlag & { value: 'string' | 'boolean' | 'list' }> = {
  type: { flag: 'type', short: 't', value: 'string', help: 'team (one shared credential set) or member (one per member)' },
  kind: { flag: 'kind', short: 'k', value: 'string', help: `${KINDS.filter((k) => k !== 'oauth_auth_implicit_flow').join(', ')} (alias kv)` },
  server_url: { flag: 'server-url', aliases: ['url'], short: 'u', value: 'string', help: 'the application’s base URL ({placeholders} allowed)' },
  sso: { flag: 'sso', short: 's', value: 'boolean', help: 'on-behalf-of, token exchange and direct access only (they require it)' },
  custom_config_entries: { flag: 'config-entries', short: 'e', aliases: ['entries'], value: 'list', help: 'custom config entry key=value; repeat for more' },
  idp_token_use: { flag: 'idp-token-use', value: 'string', help: 'on-behalf-of: idp_config body requested_token_use' },
  idp_token_type: { flag: 'idp-token-type', value: 'string', help: 'on-behalf-of: idp_config body requested_token_type' },
  idp_token_header: { flag: 'idp-token-header', value: 'list', help: 'idp_config header "key: value"; repeat for more' },
  app_token_header: { flag: 'app-token-header', value: 'list', help: 'app_config header "key: value"; repeat for more' },
};
