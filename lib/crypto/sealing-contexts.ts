/**
 * The associated-data context of every sealed value, in one domain-free place: the domain code that
 * seals and opens a value and the key check / rotation that walk every sealed column use the same
 * function, so a context can never be spelled two ways.
 */

/** Secret credential fields of one credentials row. */
export const secretsContext = (rowId: string) => `credentials:${rowId}:secrets`;
/** OAuth tokens of one credentials row. */
export const tokensContext = (rowId: string) => `credentials:${rowId}:tokens`;
/** A password config value of an environment's auth settings. */
export const configValueContext = (environmentId: string, key: string) => `environment:${environmentId}:config:${key}`;
/** A pending OAuth request's payload. */
export const oauthStatePayloadContext = (stateHash: string) => `oauth_states:${stateHash}:payload`;

export const KEY_CHECK_META_KEY = 'encryption_key_check';
export const KEY_CHECK_CONTEXT = 'app_meta:encryption_key_check';
export const KEY_CHECK_PLAINTEXT = 'connections-manager encryption key check v1';
/** A webhook endpoint's signing secret. */
export const webhookSecretContext = (endpointId: string) => `webhook_endpoints:${endpointId}:secret`;
/** A user's tokens from the console's identity provider (OIDC sign-in). */
export const signInTokensContext = (userId: string) => `sign-in-tokens:${userId}`;
