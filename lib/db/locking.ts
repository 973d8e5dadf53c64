import 'server-only';
import type { PgTable } from 'drizzle-orm/pg-core';
import { getDb, prepareDatabase, writeTransaction, type Tx } from './client';

/** A select the claim can lock: any Drizzle select builder (PostgreSQL's has `.for`). */
type LockableSelect<T> = PromiseLike<T[]> & { for(strength: 'update', config: { of: PgTable; skipLocked: true }): PromiseLike<T[]> };

/**
 * Claims rows for one of several workers on the same database (a queue such as the webhook outbox):
 * `select` finds candidates, `take` marks the ones it gets (e.g. sets `locked_until` with a
 * compare-and-set) and returns them. The claim is a short transaction of its own: the work on the
 * claimed rows (an HTTP call) happens after it commits.
 *
 * - PostgreSQL: the candidates are selected `FOR UPDATE OF table SKIP LOCKED` in a READ COMMITTED
 *   transaction, so concurrent claimers skip each other's rows instead of waiting or conflicting,
 *   and `take` marks them before the row locks are released.
 * - SQLite (one writer at a time): the select and `take` run in one write transaction (BEGIN
 *   IMMEDIATE), so no other process or transaction claims in between.
 *
 * Call it outside any transaction; `take` gets the claiming transaction as `tx` and must use it.
 */
export async function claimRows<T, R>(table: PgTable, select: (tx: Tx) => LockableSelect<T>, take: (tx: Tx, rows: T[]) => Promise<R[]>): Promise<R[]> {
  if ((await prepareDatabase()) === 'postgres') {
    return getDb().transaction(
      async (tx) => {
        const rows = await select(tx as unknown as Tx).for('update', { of: table, skipLocked: true });
        return rows.length ? take(tx as unknown as Tx, rows) : [];
      },
      { isolationLevel: 'read committed' },
    );
  }
  return writeTransaction(async (tx) => {
    const rows = await select(tx);
    return rows.length ? take(tx, rows) : [];
  });
}
