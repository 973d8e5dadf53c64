import 'server-only';
import { jsonResponse } from '@/lib/api/api-response';
import { environmentParamsSchema, parseOrThrow, queryObject, runtimeQuerySchema } from '@/lib/api/api-schemas';
import type { ApiHandler } from '@/lib/api/run-api';
import { APP_ID_PATTERN } from '@/lib/connections/value-schemas';
import { isAppError } from '@/lib/errors';
import { metrics } from '@/lib/health/metrics';
import { enforceRuntimeCredentialsLimit } from '@/lib/security/rate-limit';
import { resolveRuntimeCredentials, type RuntimeCredentials } from './resolve-runtime-credentials';
import { recordRuntimeRead } from './runtime-audit';


/**
 * GET …/{app_id}/{env}/runtime-credentials?user={email}: shared by the Next route handler and the
 * custom server's fast path (bin/server.mjs), so both answer exactly alike. Every read is audited
 * (who, which connection, whose credentials, outcome), never a value.
 */
export const runtimeCredentialsHandler: ApiHandler<{ appId: string; env: string }> = async ({ actor, request, params }) => {
  // Limited per API key (per user for session callers), across instances: 429 with Retry-After past the limit.
  await enforceRuntimeCredentialsLimit('apiKeyId' in actor ? `key:${String(actor.apiKeyId)}` : `user:${actor.id ?? actor.email}`);
  // Plain checks first (this runs on every tool call); zod only to word the error of a bad value.
  const { appId, env } = APP_ID_PATTERN.test(params.appId) && (params.env === 'draft' || params.env === 'live')
    ? (params as { appId: string; env: 'draft' | 'live' })
    : parseOrThrow(environmentParamsSchema, params);
  const { user } = request.url.search ? parseOrThrow(runtimeQuerySchema, queryObject(request.url)) : { user: undefined };
  const audit = (outcome: 'success' | 'failure' | 'denied', detail: Record<string, unknown>) => {
    metrics().runtimeReads.inc({ outcome });
    recordRuntimeRead({ actor, target: appId, env, outcome, detail: { for: user ?? actor.email, ...detail } });
  };
  let resolved: RuntimeCredentials;
  try {
    resolved = await resolveRuntimeCredentials(actor, { appId, env, userEmail: user, subjectToken: request.header('x-subject-token') });
  } catch (e) {
    const code = isAppError(e) ? e.code : 'internal';
    audit(code === 'forbidden' ? 'denied' : 'failure', { code });
    throw e;
  }
  audit('success', { kind: resolved.kind });
  return jsonResponse(200, resolved);
};
