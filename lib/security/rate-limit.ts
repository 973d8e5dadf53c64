import { countInWindow } from '@/lib/db/counters';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

/**
 * Rate limits shared by every instance on the database: a fixed-window counter per (bucket, key)
 * in `rate_limit_counters`, counted with one atomic statement (lib/db/counters.ts). `limit` calls
 * per window of `windowMs` (windows start at multiples of it); past that, the wait until the next
 * window. One row per (bucket, key), reused from window to window.
 */
export type RateLimitOptions = { limit: number; windowMs: number };
export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one call of (bucket, key): `ok: false` with the wait in seconds past the limit. */
export async function checkRateLimit(bucket: string, key: string, opts: RateLimitOptions, now = Date.now()): Promise<RateLimitResult> {
  const windowStart = Math.floor(now / opts.windowMs) * opts.windowMs;
  const count = await countInWindow(`${bucket}:${key}`, windowStart);
  if (count <= opts.limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + opts.windowMs - now) / 1000)) };
}

/**
 * For HTTP routes: throws `AppError('rate_limited')` carrying `retryAfterSeconds`, which the API's
 * error mapping turns into `429` with a `Retry-After` header.
 */
export async function enforceRateLimit(bucket: string, key: string, opts: RateLimitOptions): Promise<void> {
  const result = await checkRateLimit(bucket, key, opts);
  if (!result.ok) {
    throw new AppError('rate_limited', `Too many requests: try again in ${result.retryAfterSeconds} seconds.`, undefined, {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}

/**
 * The runtime credentials API limit per API key (or per signed-in user):
 * `RUNTIME_RATE_LIMIT_PER_MINUTE` calls a minute, 600 by default; `0` turns it off.
 */
export function runtimeCredentialsLimit(): RateLimitOptions | null {
  const perMinute = env().RUNTIME_RATE_LIMIT_PER_MINUTE;
  return perMinute === 0 ? null : { limit: Math.floor(perMinute), windowMs: 60_000 };
}

/** For the runtime credentials route: `enforceRuntimeCredentialsLimit(apiKeyId ?? userId)`, across instances. */
export async function enforceRuntimeCredentialsLimit(callerKey: string): Promise<void> {
  const limit = runtimeCredentialsLimit();
  if (limit) await enforceRateLimit('runtime-credentials', callerKey, limit);
}
