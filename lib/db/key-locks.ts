import 'server-only';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb, prepareDatabase, writeTransaction, type Tx } from './client';

/** A 64-bit advisory lock id per key (a collision only makes two keys wait for each other). */
function lockId(key: string): bigint {
  return crypto.createHash('sha256').update(`cm-key-lock:${key}`, 'utf8').digest().readBigInt64BE(0);
}

const DEADLOCK = '40P01';

/**
 * Runs `work` in a short transaction that holds an exclusive lock on each of `keys` (names of what
 * `work` counts, such as a sign-in throttle's keys), so that a read-then-write on those keys is atomic
 * across every process on the database, without conflicts to retry:
 *
 * - PostgreSQL: transaction-scoped advisory locks, taken in one fixed order (two callers never wait
 *   on each other in a circle), in a READ COMMITTED transaction, so what `work` reads after them is
 *   the latest committed state. Other keys are not held up.
 * - SQLite: an IMMEDIATE write transaction, which holds the database's single write lock.
 *
 * `work` must use `tx` and only touch the database. Not for use inside another transaction.
 */
export async function withKeysLocked<T>(keys: string[], work: (tx: Tx) => Promise<T>): Promise<T> {
  if ((await prepareDatabase()) !== 'postgres') return writeTransaction(work);
  const ids = [...new Set(keys.map(lockId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().transaction(
        async (tx) => {
          for (const id of ids) await tx.execute(sql`select pg_advisory_xact_lock(${id.toString()}::bigint)`);
          return work(tx as unknown as Tx);
        },
        { isolationLevel: 'read committed' },
      );
    } catch (e) {
      // Only a statement outside these locks (a sweep deleting old rows) can be in a cycle with `work`.
      const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
      if (code !== DEADLOCK || attempt >= 3) throw e;
    }
  }
}
