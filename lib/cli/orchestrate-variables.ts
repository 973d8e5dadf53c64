import { ADK_NAMES, sanitizeAppId } from '@/lib/connections/adk-names';
import { isOAuthKind, type Kind } from '@/lib/connections/kinds';

/** What the runtime credentials API answers (SPEC §6), locally or from a remote console. */
export type ResolvedCredentials = {
  kind: Kind;
  server_url: string | null;
  credentials: Record<string, unknown>;
  custom_config_entries: Record<string, string>;
  config?: Record<string, string>;
};

/**
 * The variables watsonx Orchestrate gives a Python tool for a connection, named as the ADK's
 * `connections` helpers read them (agent_builder/connections/connections.py), with the app id
 * sanitized as its `sanitize_app_id`:
 *   WXO_SECURITY_SCHEMA_<id>           basic_auth, bearer_token, api_key_auth, oauth2 or key_value_creds
 *   WXO_CONNECTION_<id>_<field>        username/password, token, api_key or access_token, and url;
 *                                      for key_value every entry under its own key
 *   WXO_CONNECTION_CUSTOM_<id>_<key>   custom config entries (and auth settings config values)
 */
export function orchestrateVariables(appId: string, resolved: ResolvedCredentials): Record<string, string> {
  const id = sanitizeAppId(appId);
  const prefix = `WXO_CONNECTION_${id}_`;
  const vars: Record<string, string> = { [`WXO_SECURITY_SCHEMA_${id}`]: ADK_NAMES[resolved.kind].security_scheme };
  const put = (field: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') vars[prefix + field] = String(value);
  };
  const c = resolved.credentials;
  if (resolved.kind === 'key_value') {
    // The ADK hands a key_value tool every WXO_CONNECTION_<id>_* variable as an entry: no url here.
    for (const [key, value] of Object.entries((c.entries ?? {}) as Record<string, unknown>)) put(key, value);
  } else {
    if (isOAuthKind(resolved.kind)) put('access_token', c.access_token);
    else for (const field of ['username', 'password', 'token', 'api_key']) put(field, c[field]);
    put('url', resolved.server_url);
  }
  const custom = { ...(resolved.config ?? {}), ...resolved.custom_config_entries };
  for (const [key, value] of Object.entries(custom)) vars[`WXO_CONNECTION_CUSTOM_${id}_${key}`] = String(value);
  return vars;
}

/** `export KEY='value'` lines: for `eval "$(connections env …)"` and for dotenv files. */
export function shellExports(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([key, value]) => `export ${key}='${value.replace(/'/g, `'\\''`)}'\n`)
    .join('');
}
