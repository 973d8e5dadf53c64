import 'server-only';
import type { OAuthClientConfig } from './client-config';
import { requestToken, type TokenCall, type TokenSet } from './token-endpoint';

const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export function tokenCall(cfg: OAuthClientConfig): TokenCall {
  return {
    tokenUrl: cfg.tokenUrl,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    sendVia: cfg.sendVia,
    tokenEntries: cfg.tokenEntries,
    contentType: cfg.contentType,
    responseTokenKey: cfg.responseTokenKey,
    headers: cfg.appHeaders,
  };
}

const withScope = (scope: string, params: Record<string, string>) => (scope ? { ...params, scope } : params);

export function exchangeCode(cfg: OAuthClientConfig, code: string, codeVerifier: string, redirectUri: string): Promise<TokenSet> {
  // The same redirect_uri as in the authorization request (RFC 9700), and the PKCE verifier.
  return requestToken(tokenCall(cfg), 'authorization_code', { code, redirect_uri: redirectUri, code_verifier: codeVerifier });
}

export function refreshTokens(cfg: OAuthClientConfig, refreshToken: string): Promise<TokenSet> {
  return requestToken(tokenCall(cfg), 'refresh_token', { refresh_token: refreshToken });
}

export function clientCredentials(cfg: OAuthClientConfig): Promise<TokenSet> {
  return requestToken(tokenCall(cfg), 'client_credentials', withScope(cfg.scope, {}));
}

export function passwordGrant(cfg: OAuthClientConfig): Promise<TokenSet> {
  return requestToken(tokenCall(cfg), 'password', withScope(cfg.scope, { username: cfg.username ?? '', password: cfg.password ?? '' }));
}

/** RFC 8693: the caller's sign-in token is exchanged for a token of the application. */
export function tokenExchange(cfg: OAuthClientConfig, subjectToken: string): Promise<TokenSet> {
  return requestToken(tokenCall(cfg), cfg.grantType ?? 'urn:ietf:params:oauth:grant-type:token-exchange', withScope(cfg.scope, { subject_token: subjectToken, subject_token_type: ACCESS_TOKEN_TYPE }));
}

/**
 * On behalf of: the identity provider first exchanges the caller's token (with idp_config headers
 * and body), then the application's token endpoint takes that as a JWT bearer assertion (RFC 7523).
 */
export async function onBehalfOf(cfg: OAuthClientConfig, subjectToken: string): Promise<TokenSet> {
  const idp = cfg.idp!;
  const assertion = await requestToken(
    {
      tokenUrl: idp.url,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      tokenEntries: [...Object.entries(idp.body).map(([key, value]) => ({ location: 'body' as const, key, value: String(value) })), ...idp.tokenEntries],
      contentType: 'application/x-www-form-urlencoded',
      responseTokenKey: 'access_token',
      headers: idp.header,
    },
    idp.grantType,
    withScope(idp.scope, { subject_token: subjectToken, subject_token_type: ACCESS_TOKEN_TYPE }),
  );
  return requestToken(tokenCall(cfg), cfg.grantType ?? 'urn:ietf:params:oauth:grant-type:jwt-bearer', withScope(cfg.scope, { assertion: assertion.accessToken }));
}
