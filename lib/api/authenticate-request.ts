import 'server-only';
import { actorFromApiKey } from '@/lib/api-keys/authenticate-api-key';
import { API_KEY_PREFIX } from '@/lib/api-keys/api-key-format';
import type { Actor } from '@/lib/auth/actor';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { ApiRequest } from './api-request';

/** Query parameters that would put a credential into URLs, logs and browser history. */
const CREDENTIAL_QUERY_PARAMS = new Set(['api_key', 'apikey', 'api-key', 'key', 'access_token', 'token', 'bearer', 'authorization', 'auth']);

/** A key in the query string is refused, even a valid one: it has already leaked into logs. */
export function refuseCredentialInQuery(url: URL): void {
  for (const [name, value] of url.searchParams) {
    if (CREDENTIAL_QUERY_PARAMS.has(name.toLowerCase()) || value.startsWith(API_KEY_PREFIX)) {
      throw new AppError('bad_input', 'Credentials are never accepted in the URL: send the API key as "Authorization: Bearer <key>".', {
        [name]: 'Not accepted in the query string.',
      });
    }
  }
}

export type SessionLookup = () => Promise<Actor | null>;

/** Types a cross-site form can send without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function checkCookieWrite(request: ApiRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  // A session cookie rides along with cross-site requests: refuse what a foreign page could send.
  const origin = request.header('origin');
  if (origin && origin !== request.url.origin && origin !== new URL(env().appUrl).origin) {
    throw new AppError('forbidden', 'Cross-site requests are refused.');
  }
  const type = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (SIMPLE_CONTENT_TYPES.includes(type)) {
    throw new AppError('bad_input', 'Send the body as application/json (or application/yaml for imports).');
  }
}

/** The caller of a request that carries `Authorization`; `null` when there is no such header (a session may apply). */
export async function authenticateBearer(request: ApiRequest): Promise<Actor | null> {
  refuseCredentialInQuery(request.url);
  const authorization = request.header('authorization');
  if (authorization === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new AppError('unauthenticated', 'Use "Authorization: Bearer <api key>".');
  const actor = await actorFromApiKey(match[1]);
  if (!actor) throw new AppError('unauthenticated', 'The API key is not valid, or has been revoked.');
  return actor;
}

/**
 * Bearer API key, else the console session. A request that presents a key which does not work
 * never falls back to the session.
 */
export async function authenticateRequest(request: ApiRequest, session: SessionLookup): Promise<Actor> {
  const bearer = await authenticateBearer(request);
  if (bearer) return bearer;
  const actor = await session();
  if (!actor) throw new AppError('unauthenticated', 'Sign in, or send "Authorization: Bearer <api key>".');
  checkCookieWrite(request);
  return actor;
}
