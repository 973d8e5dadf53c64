import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb, writeTransaction } from '@/lib/db/client';
import { createReadCache } from '@/lib/db/read-cache';
import { appMeta, rateLimitCounters } from '@/lib/db/schema';
import { resetEnvForTests } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { checkRateLimit, enforceRateLimit, runtimeCredentialsLimit } from './rate-limit';

// Windows of a minute start at multiples of 60 000 ms; T is 15 s into one.
const T = 1_800_000_000_000 + 15_000;
const opts = { limit: 3, windowMs: 60_000 };
const counter = async (key: string) => (await getDb().select().from(rateLimitCounters).where(eq(rateLimitCounters.key, key)))[0];

afterEach(() => {
  delete process.env.RUNTIME_RATE_LIMIT_PER_MINUTE;
  resetEnvForTests();
});

describe('checkRateLimit', () => {
  it('allows `limit` calls per fixed window, then refuses with the wait until the next window', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkRateLimit('b', 'k', opts, T));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: false, retryAfterSeconds: 45 }]);
    expect(await checkRateLimit('b', 'k', opts, T + 30_000)).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect(await checkRateLimit('b', 'k', opts, T + 44_500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // The next window starts from one again, up to the limit and no further.
    const next = [];
    for (let i = 0; i < 4; i++) next.push((await checkRateLimit('b', 'k', opts, T + 45_000)).ok);
    expect(next).toEqual([true, true, true, false]);
  });

  it('keeps buckets and keys apart', async () => {
    for (let i = 0; i < 3; i++) await checkRateLimit('b', 'alice', opts, T);
    expect((await checkRateLimit('b', 'alice', opts, T)).ok).toBe(false);
    expect((await checkRateLimit('b', 'bob', opts, T)).ok).toBe(true);
    expect((await checkRateLimit('other', 'alice', opts, T)).ok).toBe(true);
  });

  it('keeps one row per key in the database, shared by every instance, not a count in this process', async () => {
    for (let i = 0; i < 3; i++) await checkRateLimit('b', 'carol', opts, T);
    expect(await counter('b:carol')).toEqual({ key: 'b:carol', windowStart: T - 15_000, count: 3 });
    await checkRateLimit('b', 'carol', opts, T + 60_000);
    expect(await counter('b:carol')).toEqual({ key: 'b:carol', windowStart: T + 45_000, count: 1 });
  });

  it('counts every one of many concurrent calls exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => checkRateLimit('b', 'dave', { limit: 20, windowMs: 60_000 }, T)));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect((await counter('b:dave')).count).toBe(50);
  });

  it('counts while another caller’s write transaction is open', async () => {
    let finish = () => {};
    const held = new Promise<void>((resolve) => (finish = resolve));
    let begun = () => {};
    const started = new Promise<void>((resolve) => (begun = resolve));
    const transaction = writeTransaction(async (tx) => {
      await tx.insert(appMeta).values({ key: `held-${Date.now()}`, value: 'x' });
      begun();
      await held;
    });
    await started;
    expect(await checkRateLimit('b', 'frank', opts, T)).toEqual({ ok: true });
    finish();
    await transaction;
    expect((await counter('b:frank')).count).toBe(1);
  });

  it('leaves the hot path’s read cache warm: the counters are no data it serves', async () => {
    const cached = createReadCache<number>();
    let reads = 0;
    const read = () => cached('k', async () => ++reads);
    expect(await read()).toBe(1);
    await checkRateLimit('b', 'erin', opts, T);
    expect(await read()).toBe(1);
    // Any other write still drops it.
    await getDb().insert(appMeta).values({ key: `counter-test-${Date.now()}`, value: 'x' });
    expect(await read()).toBe(2);
  });
});

describe('enforceRateLimit', () => {
  it('throws a rate_limited AppError carrying Retry-After seconds', async () => {
    // An hour's window: the two calls land in the same one.
    const hourly = { limit: 1, windowMs: 3_600_000 };
    await enforceRateLimit('api', 'key1', hourly);
    try {
      await enforceRateLimit('api', 'key1', hourly);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('rate_limited');
      expect(isAppError(e) && e.extra?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(isAppError(e) && e.extra?.retryAfterSeconds).toBeLessThanOrEqual(3_600);
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
