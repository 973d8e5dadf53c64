import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import {
  checkRateLimit,
  enforceRateLimit,
  MAX_ENTRIES,
  peekRateLimit,
  rateLimitEntryCount,
  resetRateLimit,
  resetRateLimitsForTests,
  runtimeCredentialsLimit,
} from './rate-limit';

const opts = { limit: 3, windowMs: 60_000 };

afterEach(() => {
  resetRateLimitsForTests();
  delete process.env.RUNTIME_RATE_LIMIT_PER_MINUTE;
  resetEnvForTests();
});

describe('checkRateLimit', () => {
  it('allows `limit` calls, then refuses with the wait until the next token', () => {
    const t = 1_000_000;
    expect([1, 2, 3].map(() => checkRateLimit('b', 'k', opts, t).ok)).toEqual([true, true, true]);
    // One token refills every 20 s.
    expect(checkRateLimit('b', 'k', opts, t)).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(checkRateLimit('b', 'k', opts, t + 5_000)).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect(checkRateLimit('b', 'k', opts, t + 20_000)).toEqual({ ok: true });
    expect(checkRateLimit('b', 'k', opts, t + 20_001).ok).toBe(false);
  });

  it('keeps buckets and keys apart', () => {
    const t = 5_000;
    for (let i = 0; i < 3; i++) checkRateLimit('b', 'alice', opts, t);
    expect(checkRateLimit('b', 'alice', opts, t).ok).toBe(false);
    expect(checkRateLimit('b', 'bob', opts, t).ok).toBe(true);
    expect(checkRateLimit('other', 'alice', opts, t).ok).toBe(true);
  });

  it('refills to the limit and no further after a long pause', () => {
    const t = 0;
    for (let i = 0; i < 3; i++) checkRateLimit('b', 'k', opts, t);
    const later = t + 10 * 60_000;
    expect([1, 2, 3, 4].map(() => checkRateLimit('b', 'k', opts, later).ok)).toEqual([true, true, true, false]);
  });

  it('peek does not take a token; reset forgets the key', () => {
    for (let i = 0; i < 2; i++) checkRateLimit('b', 'k', opts, 0);
    expect(peekRateLimit('b', 'k', opts, 0)).toEqual({ ok: true });
    expect(peekRateLimit('b', 'k', opts, 0)).toEqual({ ok: true });
    checkRateLimit('b', 'k', opts, 0);
    expect(peekRateLimit('b', 'k', opts, 0).ok).toBe(false);
    resetRateLimit('b', 'k');
    expect(peekRateLimit('b', 'k', opts, 0)).toEqual({ ok: true });
  });

  it('keeps memory bounded under a flood of distinct keys', () => {
    const t = 1_000;
    for (let i = 0; i < MAX_ENTRIES + 5_000; i++) checkRateLimit('flood', `key-${i}`, opts, t);
    expect(rateLimitEntryCount()).toBeLessThanOrEqual(MAX_ENTRIES);
    // The most recent keys are still limited.
    const last = `key-${MAX_ENTRIES + 4_999}`;
    checkRateLimit('flood', last, opts, t);
    checkRateLimit('flood', last, opts, t);
    expect(checkRateLimit('flood', last, opts, t).ok).toBe(false);
  });

  it('forgets buckets that have refilled completely', () => {
    for (let i = 0; i < 2_000; i++) checkRateLimit('idle', `k${i}`, opts, 0);
    // Past the window every bucket is full again: the periodic sweep drops them.
    for (let i = 0; i < 1_000; i++) checkRateLimit('fresh', 'one', { limit: 10_000, windowMs: 1_000 }, 120_000);
    expect(rateLimitEntryCount()).toBeLessThan(10);
  });
});

describe('enforceRateLimit', () => {
  it('throws a rate_limited AppError carrying Retry-After seconds', () => {
    enforceRateLimit('api', 'key1', { limit: 1, windowMs: 30_000 });
    try {
      enforceRateLimit('api', 'key1', { limit: 1, windowMs: 30_000 });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('rate_limited');
      expect(isAppError(e) && e.extra?.retryAfterSeconds).toBeGreaterThanOrEqual(29);
      expect((e as Error).message).toMatch(/try again in \d+ seconds/);
    }
  });

  it('reads the runtime credentials limit from the environment', () => {
    expect(runtimeCredentialsLimit()).toEqual({ limit: 600, windowMs: 60_000 });
    process.env.RUNTIME_RATE_LIMIT_PER_MINUTE = '0';
    resetEnvForTests();
    expect(runtimeCredentialsLimit()).toBeNull();
    process.env.RUNTIME_RATE_LIMIT_PER_MINUTE = 'lots';
    resetEnvForTests();
    expect(() => runtimeCredentialsLimit()).toThrow(/RUNTIME_RATE_LIMIT_PER_MINUTE/);
  });
});
