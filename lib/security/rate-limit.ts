import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

/**
 * In-process rate limits: a token bucket per (bucket, key) that holds `limit` tokens and refills
 * them evenly over `windowMs`, so a caller gets a burst of `limit` and then one call per
 * `windowMs / limit`. A bucket that has refilled completely is the same as no bucket, which is what
 * keeps memory bounded: such entries are swept, and past MAX_ENTRIES the least recently used go.
 *
 * State lives on globalThis: Next bundles a module once per route and the custom server's fast
 * path loads its own copy, and they must all count against the same buckets.
 */
export type RateLimitOptions = { limit: number; windowMs: number };
export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

type Entry = { tokens: number; updatedAt: number; fullAt: number };

export const MAX_ENTRIES = 50_000;
const SWEEP_EVERY = 1_000;

const store: { __cmRateLimits?: { entries: Map<string, Entry>; calls: number } } & typeof globalThis = globalThis;
const state = (store.__cmRateLimits ??= { entries: new Map(), calls: 0 });

const entryKey = (bucket: string, key: string) => `${bucket}\u0000${key}`;

function refilled(entry: Entry | undefined, opts: RateLimitOptions, now: number): number {
  if (!entry) return opts.limit;
  const rate = opts.limit / opts.windowMs;
  return Math.min(opts.limit, entry.tokens + (now - entry.updatedAt) * rate);
}

function retryAfter(tokens: number, opts: RateLimitOptions): number {
  const msUntilOneToken = ((1 - tokens) * opts.windowMs) / opts.limit;
  return Math.max(1, Math.ceil(msUntilOneToken / 1000));
}

/**
 * Drops full buckets from the least recently used end (stopping at the first one still refilling:
 * buckets of different windows interleave, so this is cheap rather than exhaustive), then the
 * least recently used until there is room for one more.
 */
function sweep(now: number) {
  for (const [key, entry] of state.entries) {
    if (entry.fullAt > now) break;
    state.entries.delete(key);
  }
  while (state.entries.size >= MAX_ENTRIES) {
    const oldest = state.entries.keys().next().value as string;
    state.entries.delete(oldest);
  }
}

function save(key: string, tokens: number, opts: RateLimitOptions, now: number) {
  const fullAt = now + ((opts.limit - tokens) * opts.windowMs) / opts.limit;
  // Delete then set: Map order becomes least recently used first, which `sweep` relies on.
  state.entries.delete(key);
  state.entries.set(key, { tokens, updatedAt: now, fullAt });
}

/** Takes one token from (bucket, key): `ok: false` with the wait in seconds when none is left. */
export function checkRateLimit(bucket: string, key: string, opts: RateLimitOptions, now = Date.now()): RateLimitResult {
  const id = entryKey(bucket, key);
  const tokens = refilled(state.entries.get(id), opts, now);
  if (++state.calls % SWEEP_EVERY === 0 || state.entries.size >= MAX_ENTRIES) sweep(now);
  if (tokens < 1) return { ok: false, retryAfterSeconds: retryAfter(tokens, opts) };
  save(id, tokens - 1, opts, now);
  return { ok: true };
}

/** Whether (bucket, key) has a token left, without taking it. */
export function peekRateLimit(bucket: string, key: string, opts: RateLimitOptions, now = Date.now()): RateLimitResult {
  const tokens = refilled(state.entries.get(entryKey(bucket, key)), opts, now);
  return tokens < 1 ? { ok: false, retryAfterSeconds: retryAfter(tokens, opts) } : { ok: true };
}

export function resetRateLimit(bucket: string, key: string): void {
  state.entries.delete(entryKey(bucket, key));
}

export function rateLimitEntryCount(): number {
  return state.entries.size;
}

export function resetRateLimitsForTests(): void {
  state.entries.clear();
  state.calls = 0;
}

/**
 * For HTTP routes: throws `AppError('rate_limited')` carrying `retryAfterSeconds`, which the API's
 * error mapping turns into `429` with a `Retry-After` header.
 */
export function enforceRateLimit(bucket: string, key: string, opts: RateLimitOptions): void {
  const result = checkRateLimit(bucket, key, opts);
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

/** For the runtime credentials route: `enforceRuntimeCredentialsLimit(apiKeyId ?? userId)`. */
export function enforceRuntimeCredentialsLimit(callerKey: string): void {
  const limit = runtimeCredentialsLimit();
  if (limit) enforceRateLimit('runtime-credentials', callerKey, limit);
}
