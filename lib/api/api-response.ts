import { ERROR_STATUS, toSafeError } from '@/lib/errors';

/** A transport-neutral answer: the Next route handlers and the custom server's fast path both write it. */
export type ApiResponse = { status: number; body: string; contentType: string; headers?: Record<string, string> };

/** Every API answer may carry credential state: never cached by a browser or a proxy. */
export const NO_STORE_HEADERS = { 'cache-control': 'no-store', pragma: 'no-cache', 'x-content-type-options': 'nosniff' } as const;

export function jsonResponse(status: number, value: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, body: JSON.stringify(value), contentType: 'application/json; charset=utf-8', headers };
}

export function textResponse(status: number, body: string, contentType: string, headers?: Record<string, string>): ApiResponse {
  return { status, body, contentType, headers };
}

/** `{ error: { code, message, fields } }` (SPEC §6), plus safe extras such as `connect_url`. */
export function errorResponse(e: unknown): ApiResponse {
  const safe = toSafeError(e);
  const extra = safe.extra ?? {};
  const headers: Record<string, string> = {};
  if (safe.code === 'rate_limited' && typeof extra.retryAfterSeconds === 'number') headers['retry-after'] = String(extra.retryAfterSeconds);
  const { retryAfterSeconds: _retry, ...rest } = extra;
  return jsonResponse(ERROR_STATUS[safe.code], { error: { code: safe.code, message: safe.message, fields: safe.fields ?? {}, ...rest } }, headers);
}

export function toWebResponse(response: ApiResponse): Response {
  return new Response(response.body, {
    status: response.status,
    headers: { ...NO_STORE_HEADERS, 'content-type': response.contentType, ...response.headers },
  });
}
