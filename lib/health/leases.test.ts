import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { leases } from '@/lib/db/schema';
import { leaseExpiresAt, processLeaseOwner, releaseLease, takeLease } from './leases';

// Leases on the real test database (SQLite, or PostgreSQL with TEST_POSTGRES_URL).

const lease = () => `test:${crypto.randomUUID()}`;
const holder = async (name: string) => (await getDb().select({ owner: leases.owner }).from(leases).where(eq(leases.name, name)))[0]?.owner;

describe('leases', () => {
  it('one holder at a time: others are refused while it is live, the holder renews, an expired lease is taken over', async () => {
    const name = lease();
    expect(await leaseExpiresAt(name)).toBe(0);
    const before = Date.now();
    expect(await takeLease(name, 60_000, 'a')).toBe(true);
    const first = await leaseExpiresAt(name);
    expect(first).toBeGreaterThanOrEqual(before + 60_000);
    expect(await takeLease(name, 60_000, 'b')).toBe(false);
    expect(await holder(name)).toBe('a');
    expect(await leaseExpiresAt(name)).toBe(first);

    // The holder takes it again: renewed for the new time.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await takeLease(name, 120_000, 'a')).toBe(true);
    expect(await leaseExpiresAt(name)).toBeGreaterThan(first);

    // Run out (a holder that died): the next owner gets it.
    await getDb().update(leases).set({ expiresAt: Date.now() - 1 }).where(eq(leases.name, name));
    expect(await takeLease(name, 60_000, 'b')).toBe(true);
    expect(await holder(name)).toBe('b');
    expect(await takeLease(name, 60_000, 'a')).toBe(false);
  });

  it('only the holder releases it; once released anyone takes it', async () => {
    const name = lease();
    expect(await takeLease(name, 60_000, 'a')).toBe(true);
    await releaseLease(name, 'b');
    expect(await holder(name)).toBe('a');
    await releaseLease(name, 'a');
    expect(await holder(name)).toBeUndefined();
    expect(await leaseExpiresAt(name)).toBe(0);
    expect(await takeLease(name, 60_000, 'b')).toBe(true);
  });

  it('taken by exactly one of many owners asking at the same time, free or expired', async () => {
    for (const start of ['free', 'expired'] as const) {
      const name = lease();
      if (start === 'expired') await getDb().insert(leases).values({ name, owner: 'gone', expiresAt: Date.now() - 1 });
      const owners = Array.from({ length: 20 }, (_, i) => `owner-${i}`);
      const results = await Promise.all(owners.map((owner) => takeLease(name, 60_000, owner)));
      expect(results.filter(Boolean), start).toHaveLength(1);
      expect(await holder(name)).toBe(owners[results.indexOf(true)]);
    }
  });

  it('defaults to this process as the owner', async () => {
    const name = lease();
    expect(await takeLease(name, 60_000)).toBe(true);
    expect(await holder(name)).toBe(processLeaseOwner());
    expect(processLeaseOwner()).toMatch(new RegExp(`^${process.pid}:`));
    await releaseLease(name);
    expect(await holder(name)).toBeUndefined();
  });
});
