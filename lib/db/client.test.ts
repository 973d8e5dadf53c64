import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { env } from '@/lib/env';
import { afterCommit, getDb, insideTransaction, rawRows, rawRun, writeTransaction } from './client';
import { createReadCache } from './read-cache';
import { appMeta } from './schema';

const key = (name: string) => `client-test-${name}-${Date.now()}-${Math.random()}`;
const stored = async (k: string) => (await getDb().select().from(appMeta).where(eq(appMeta.key, k))).length === 1;

describe('writeTransaction', () => {
  it('is all or nothing, and a nested call joins the open transaction', async () => {
    const [a, b] = [key('a'), key('b')];
    await expect(
      writeTransaction(async (tx) => {
        await tx.insert(appMeta).values({ key: a, value: 'x' });
        await writeTransaction(async (inner) => inner.insert(appMeta).values({ key: b, value: 'x' }));
        expect(await stored(b)).toBe(true); // getDb() inside is the transaction
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect([await stored(a), await stored(b)]).toEqual([false, false]);
  });

  it('runs afterCommit work only once the transaction has committed, never after a rollback', async () => {
    const seen: string[] = [];
    await writeTransaction(async (tx) => {
      await tx.insert(appMeta).values({ key: key('commit'), value: 'x' });
      afterCommit(() => seen.push(`committed, inside: ${insideTransaction()}`));
      expect(seen).toEqual([]);
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['committed, inside: false']);
    await writeTransaction(async () => {
      afterCommit(() => seen.push('rolled back'));
      throw new Error('no');
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(1);
  });

  it('a timer started inside a transaction that has ended uses the database, not the finished transaction', async () => {
    const later = key('later');
    let done: Promise<void> = Promise.resolve();
    await writeTransaction(async () => {
      done = new Promise((resolve, reject) =>
        setTimeout(() => {
          expect(insideTransaction()).toBe(false);
          writeTransaction(async (tx) => tx.insert(appMeta).values({ key: later, value: 'x' })).then(() => resolve(), reject);
        }, 20),
      );
    });
    await done;
    expect(await stored(later)).toBe(true);
  });
});

describe.runIf(process.env.TEST_POSTGRES_URL)('the change log behind the read cache (PostgreSQL)', () => {
  it('is pruned past its size, and a change after pruning still empties the cache', async () => {
    expect(env().databaseUrl).toBeTruthy();
    await rawRun(sql`insert into data_changes select from generate_series(1, 2100)`);
    const cached = createReadCache<number>();
    let reads = 0;
    const read = () => cached('k', async () => ++reads);
    await read(); // the version query sees more than 2,000 rows and prunes
    await new Promise((r) => setTimeout(r, 200));
    const [{ n }] = await rawRows<{ n: number }>(sql`select count(*)::int as n from data_changes`);
    expect(n).toBeLessThanOrEqual(1_001);
    expect(await read()).toBe(2); // the prune itself changed the count: one more read
    expect(await read()).toBe(2);
    await getDb().insert(appMeta).values({ key: key('after-prune'), value: 'x' });
    expect(await read()).toBe(3);
  });
});
