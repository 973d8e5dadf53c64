import { env as appEnv } from '@/lib/env';
import 'server-only';
import crypto from 'node:crypto';
import { assertAdmin } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { forceRefresh } from '@/lib/health/force-refresh';
import { metricsText } from '@/lib/health/metrics';
import type { ApiRequest } from '../api-request';
import { jsonResponse, textResponse, type ApiResponse } from '../api-response';
import { environmentParamsSchema, parseOrThrow, queryObject, runtimeQuerySchema } from '../api-schemas';
import { authenticateRequest, refuseCredentialInQuery, type SessionLookup } from '../authenticate-request';
import type { ApiHandler } from '../run-api';

/** POST …/{app_id}/{env}/refresh (admins): a forced token request; answers without the token. */
export const forceRefreshHandler: ApiHandler<{ appId: string; env: string }> = async ({ actor, request, params }) => {
  const { appId, env } = parseOrThrow(environmentParamsSchema, params);
  const { user } = request.url.search ? parseOrThrow(runtimeQuerySchema, queryObject(request.url)) : { user: undefined };
  return jsonResponse(200, await forceRefresh(actor, { appId, env, userEmail: user }));
};

function isMetricsToken(request: ApiRequest): boolean {
  const expected = appEnv().METRICS_TOKEN;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '');
  if (!expected || !match) return false;
  const [a, b] = [crypto.createHash('sha256').update(match[1]).digest(), crypto.createHash('sha256').update(expected).digest()];
  return crypto.timingSafeEqual(a, b);
}

/** GET /api/v1/metrics: Prometheus text, for `METRICS_TOKEN` or an admin (API key or session). */
export async function metricsHandler(request: ApiRequest, session: SessionLookup): Promise<ApiResponse> {
  refuseCredentialInQuery(request.url);
  if (!isMetricsToken(request)) {
    const actor = await authenticateRequest(request, session);
    assertAdmin(actor, 'Only admins (or the METRICS_TOKEN) read the metrics.');
  }
  const { body, contentType } = await metricsText();
  if (!body) throw new AppError('internal', 'No metrics.');
  return textResponse(200, body, contentType);
}
