import type { Kind } from './kinds';

/**
 * How watsonx Orchestrate names each kind: its security scheme and, for OAuth, its auth type
 * (ibm_watsonx_orchestrate_core/types/connections/configuration.py). The connection type a tool
 * asks for, and `orchestrate connections list` shows, is the auth type for OAuth and the scheme
 * otherwise. Read by import (ADK field names), `list` and `env`/`exec` (WXO_* variables).
 */
export type AdkNames = { security_scheme: string; auth_type: string | null };

export const ADK_NAMES: Record<Kind, AdkNames> = {
  basic: { security_scheme: 'basic_auth', auth_type: null },
  bearer: { security_scheme: 'bearer_token', auth_type: null },
  api_key: { security_scheme: 'api_key_auth', auth_type: null },
  key_value: { security_scheme: 'key_value_creds', auth_type: null },
  oauth_auth_code_flow: { security_scheme: 'oauth2', auth_type: 'oauth2_auth_code' },
  oauth_auth_client_credentials_flow: { security_scheme: 'oauth2', auth_type: 'oauth2_client_creds' },
  oauth_auth_password_flow: { security_scheme: 'oauth2', auth_type: 'oauth2_password' },
  oauth_auth_token_exchange_flow: { security_scheme: 'oauth2', auth_type: 'oauth2_token_exchange' },
  oauth_auth_on_behalf_of_flow: { security_scheme: 'oauth2', auth_type: 'oauth_on_behalf_of_flow' },
  oauth_auth_direct_access_flow: { security_scheme: 'oauth2', auth_type: 'oauth2_direct_accesstoken' },
  oauth_auth_implicit_flow: { security_scheme: 'oauth2', auth_type: 'oauth2_implicit' },
};

/** The ADK's connection type name (`basic_auth`, `oauth2_auth_code`, …). */
export function adkConnectionType(kind: Kind): string {
  const names = ADK_NAMES[kind];
  return names.auth_type ?? names.security_scheme;
}

/** Our kind for an ADK security scheme (non-OAuth) or OAuth auth type. */
export function kindFromAdkName(name: string, field: 'security_scheme' | 'auth_type'): Kind | undefined {
  const match = (Object.entries(ADK_NAMES) as Array<[Kind, AdkNames]>).find(([, n]) => (field === 'auth_type' ? n.auth_type === name : n.auth_type === null && n.security_scheme === name));
  return match?.[0];
}

/** The ADK's `sanitize_app_id`: every run of characters other than ASCII letters and digits becomes one `_`. */
export function sanitizeAppId(appId: string): string {
  return appId.replace(/[^a-zA-Z0-9]+/g, '_');
}
