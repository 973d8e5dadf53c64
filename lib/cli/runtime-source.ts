import { runtimeCredentialsSchema } from '@/lib/api/response-schemas';
import { CLI_ACTOR } from '@/lib/auth/actor';
import type { EnvName } from '@/lib/connections/kinds';
import { env as appEnv } from '@/lib/env';
import { AppError, ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import type { ResolvedCredentials } from './orchestrate-variables';

export type RuntimeRequest = { appId: string; env: EnvName; user?: string; subjectToken?: string };

/**
 * Runtime credentials for `env`/`exec`: from the local database, as the runtime API resolves them
 * (OAuth kinds: a valid access token, refreshed when needed), or with CONNECTIONS_URL and
 * CONNECTIONS_API_KEY from a remote console's runtime-credentials API.
 */
export async function fetchRuntimeCredentials(request: RuntimeRequest): Promise<ResolvedCredentials> {
  const { CONNECTIONS_URL: url, CONNECTIONS_API_KEY: key } = appEnv();
  if (url || key) {
    if (!url || !key) throw new AppError('bad_input', 'Set both CONNECTIONS_URL and CONNECTIONS_API_KEY to read credentials from a remote console.');
    return fetchRemote(url, key, request);
  }
  const { resolveRuntimeCredentials } = await import('@/lib/runtime/resolve-runtime-credentials');
  return resolveRuntimeCredentials(CLI_ACTOR, { appId: request.appId, env: request.env, userEmail: request.user, subjectToken: request.subjectToken });
}

async function fetchRemote(base: string, key: string, request: RuntimeRequest): Promise<ResolvedCredentials> {
  const target = new URL(`${base.replace(/\/+$/, '')}/api/v1/connections/${encodeURIComponent(request.appId)}/${request.env}/runtime-credentials`);
  if (request.user) target.searchParams.set('user', request.user);
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
  if (request.subjectToken) headers['x-subject-token'] = request.subjectToken;
  let response: Response;
  try {
    response = await fetch(target, { headers, redirect: 'error', signal: AbortSignal.timeout(appEnv().OUTBOUND_TIMEOUT_MS) });
  } catch (e) {
    throw new AppError('provider_failed', `Could not reach ${target.origin}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}.`);
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; connect_url?: string } } | null;
  if (!response.ok) {
    const error = body?.error;
    const connect = error?.connect_url ? ` Connect at ${error.connect_url}` : '';
    const code = error?.code && error.code in ERROR_STATUS ? (error.code as ErrorCode) : 'provider_failed';
    throw new AppError(code, `${target.origin} answered ${response.status}: ${error?.message ?? 'no error message'}${connect}`);
  }
  // A remote answer is input like any other: checked against the API's own response schema.
  const parsed = runtimeCredentialsSchema.safeParse(body);
  if (!parsed.success) throw new AppError('provider_failed', `${target.origin} answered ${response.status} without runtime credentials.`);
  return parsed.data;
}
