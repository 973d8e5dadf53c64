import 'server-only';
import * as oauth from 'oauth4webapi';
import { setOwn } from '@/lib/connections/own-keys';
import { entryProblem, type TokenEntry } from '@/lib/connections/value-schemas';
import { AppError } from '@/lib/errors';
import { withExplanation, type OAuthErrorContext } from './explain-oauth-error';
import { outboundFetch } from './outbound';
import { MAX_PROVIDER_ERROR_CODE, providerText } from './provider-text';

/** A token request to one endpoint, whatever the grant. */
export type TokenCall = {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  sendVia?: 'header' | 'body';
  tokenEntries: TokenEntry[];
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  responseTokenKey: string;
  headers?: Record<string, string>;
  /** Metadata from discovery, when the provider publishes it (issuer, RFC 9207 support). */
  issuer?: string;
};

export type TokenSet = {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  expiresAt: number | null;
  scope?: string;
};

export class ProviderError extends AppError {
  constructor(
    message: string,
    /** The OAuth `error` code when the provider sent one, e.g. `invalid_grant`. */
    readonly oauthError?: string,
  ) {
    super('provider_failed', message);
  }
}

const OPTIONS_BASE = { [oauth.allowInsecureRequests]: true } as const;

/**
 * The fetch handed to oauth4webapi: the guarded outbound fetch, plus the two shapes some providers
 * need that the library does not produce itself: a JSON body (token_request.content_type) and
 * token_entries in the query string.
 */
function fetchFor(call: TokenCall): typeof fetch {
  return (async (url: string | URL, init: RequestInit = {}) => {
    const target = new URL(String(url));
    for (const e of call.tokenEntries) if (e.location === 'query') target.searchParams.set(e.key, e.value);
    if (call.contentType === 'application/json' && init.body instanceof URLSearchParams) {
      const headers = new Headers(init.headers);
      headers.set('content-type', 'application/json');
      return outboundFetch(target, { ...init, headers, body: JSON.stringify(Object.fromEntries(init.body)) });
    }
    return outboundFetch(target, init);
  }) as typeof fetch;
}

function authFor(call: TokenCall, via: 'header' | 'body'): oauth.ClientAuth {
  if (!call.clientSecret) return oauth.None();
  return via === 'header' ? oauth.ClientSecretBasic(call.clientSecret) : oauth.ClientSecretPost(call.clientSecret);
}

async function isInvalidClient(response: Response): Promise<boolean> {
  if (response.status !== 400 && response.status !== 401) return false;
  try {
    const body = (await response.clone().json()) as { error?: string };
    return body.error === 'invalid_client' || body.error === 'unauthorized_client';
  } catch {
    return response.status === 401;
  }
}

function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function expiresAtFrom(expiresIn: unknown): number | null {
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Date.now() + seconds * 1000 : null;
}

/** A non-standard response: the token sits at `response_token_key` (a dot path). */
async function processCustomResponse(response: Response, key: string, context: OAuthErrorContext): Promise<TokenSet> {
  if (response.status !== 200) await processStandardResponse(response, { issuer: 'unused', token_endpoint: 'https://unused' }, context);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProviderError(withExplanation('The token endpoint did not answer with JSON.', isHtml(response) ? 'html' : 'not_json'));
  }
  const token = getPath(json, key);
  if (typeof token !== 'string' || !token) throw new ProviderError(`The token endpoint's answer has no token at "${key}".`);
  const parentPath = key.split('.').slice(0, -1).join('.');
  const parent = (parentPath ? getPath(json, parentPath) : json) as Record<string, unknown> | undefined;
  const expiresIn = parent?.expires_in ?? parent?.ttl ?? (json as Record<string, unknown>).expires_in;
  const refresh = parent?.refresh_token ?? (json as Record<string, unknown>).refresh_token;
  return { accessToken: token, tokenType: 'bearer', refreshToken: typeof refresh === 'string' ? refresh : undefined, expiresAt: expiresAtFrom(expiresIn) };
}

/**
 * Standard processing by oauth4webapi. The ID token is dropped first: nobody signs in with it
 * here, and without the provider's metadata its issuer cannot be checked.
 */
async function processStandardResponse(response: Response, as: oauth.AuthorizationServer, context: OAuthErrorContext = {}): Promise<TokenSet> {
  let input = response;
  if (response.status === 200 && (response.headers.get('content-type') ?? '').includes('json')) {
    const json = (await response.clone().json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (json && 'id_token' in json) {
      delete json.id_token;
      input = new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
    }
  }
  try {
    const result = await oauth.processGenericTokenEndpointResponse(as, { client_id: 'unused' }, input);
    return {
      accessToken: result.access_token,
      tokenType: result.token_type,
      refreshToken: result.refresh_token,
      expiresAt: expiresAtFrom(result.expires_in),
      scope: result.scope,
    };
  } catch (e) {
    throw describeProcessingError(e, response.status, { ...context, html: isHtml(response) });
  }
}

function isHtml(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('html');
}

export function describeProcessingError(e: unknown, status: number, context: OAuthErrorContext & { html?: boolean } = {}): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof oauth.ResponseBodyError) {
    const code = providerText(e.error, MAX_PROVIDER_ERROR_CODE);
    const description = providerText(e.error_description) || undefined;
    const message = `The provider refused the token request (${code}${description ? `: ${description}` : ''}).`;
    return new ProviderError(withExplanation(message, e.error, { ...context, description }), e.error);
  }
  if (e instanceof oauth.WWWAuthenticateChallengeError) {
    // A 401 with a challenge (RFC 6750 §3): the error code, when any, is a challenge parameter.
    const params = e.cause[0]?.parameters ?? {};
    const code = providerText(params.error, MAX_PROVIDER_ERROR_CODE) || (status === 401 ? 'invalid_client' : 'error');
    const description = providerText(params.error_description) || undefined;
    const message = `The provider refused the token request (${code}${description ? `: ${description}` : ''}).`;
    return new ProviderError(withExplanation(message, code, { ...context, description }), code);
  }
  if (e instanceof oauth.OperationProcessingError) {
    if (e.code === oauth.RESPONSE_IS_NOT_JSON) return new ProviderError(withExplanation(`The token endpoint answered ${status} without JSON (an error page?).`, context.html ? 'html' : status >= 500 ? 'server_error' : 'not_json'));
    if (e.code === oauth.RESPONSE_IS_NOT_CONFORM) return new ProviderError(withExplanation(`The token endpoint answered with status ${status}.`, status >= 500 ? 'server_error' : 'not_conform'));
    return new ProviderError(`The token endpoint's answer is not usable: ${e.message}.`);
  }
  return new ProviderError(`The token request failed: ${(e as Error).message}`);
}

/**
 * Sends one token request: client authentication per `send_via` (empty: header first, then body
 * when the provider rejects the client), token_entries in header, body or query.
 */
function assertSendable(entry: TokenEntry, field: 'headers' | 'token_entries'): void {
  const problem = entryProblem(entry, { allowReserved: field === 'headers' });
  if (problem) throw new AppError('bad_input', `${field}: ${problem}`, { [field]: problem });
}

export async function requestToken(call: TokenCall, grantType: string, parameters: Record<string, string>): Promise<TokenSet> {
  const as: oauth.AuthorizationServer = { issuer: call.issuer ?? new URL(call.tokenUrl).origin, token_endpoint: call.tokenUrl };
  const client: oauth.Client = { client_id: call.clientId };
  const body = new URLSearchParams(parameters);
  const headers: Record<string, string> = { ...call.headers };
  // Checked again here for values stored before input validation refused them: a bad header would
  // otherwise fail inside the HTTP client with its value in the error message (and the log).
  for (const [key, value] of Object.entries(headers)) assertSendable({ location: 'header', key, value }, 'headers');
  for (const e of call.tokenEntries) {
    assertSendable(e, 'token_entries');
    if (e.location === 'body') body.set(e.key, e.value);
    if (e.location === 'header') setOwn(headers, e.key, e.value);
  }
  const options = { ...OPTIONS_BASE, [oauth.customFetch]: fetchFor(call), headers };
  const send = (via: 'header' | 'body') => oauth.genericTokenEndpointRequest(as, client, authFor(call, via), grantType, body, options);
  let response = await send(call.sendVia ?? 'header');
  if (!call.sendVia && call.clientSecret && (await isInvalidClient(response))) response = await send('body');
  const context: OAuthErrorContext = { sendVia: call.sendVia, hasSecret: Boolean(call.clientSecret), scope: parameters.scope, redirectUri: parameters.redirect_uri };
  if (call.responseTokenKey !== 'access_token') return processCustomResponse(response, call.responseTokenKey, context);
  return processStandardResponse(response, as, context);
}
