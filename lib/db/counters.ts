import 'server-only';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { rawRows, sqliteHandle } from './client';
import { noteCacheNeutralChange } from './read-cache';

const SQLITE_COUNT = `insert into rate_limit_counters (key, window_start, count) values (?, ?, 1)
  on conflict (key) do update set
    count = case when rate_limit_counters.window_start = excluded.window_start then rate_limit_counters.count + 1 else 1 end,
    window_start = excluded.window_start
  returning count`;
const sqliteStatements = new WeakMap<Database.Database, Database.Statement>();

/**
 * Counts one hit for `key` in the fixed window that starts at `windowStart` and returns the hits in
 * that window, this one included. One atomic statement on either database: the first hit of a
 * window (or of the key) starts the count at 1, every instance on the database counts in the same
 * row, and no read-then-write can race another instance's.
 *
 * This runs on every runtime call, and a lost count is not worth a disk sync, so the statement
 * commits without waiting for one: `synchronous = NORMAL` for it alone on SQLite (WAL stays
 * consistent), `synchronous_commit` off for its own transaction on PostgreSQL (set in the same
 * statement). A power cut may drop the latest counts, nothing else.
 */
export async function countInWindow(key: string, windowStart: number): Promise<number> {
  const sqlite = sqliteHandle();
  let count: number;
  if (sqlite) {
    let statement = sqliteStatements.get(sqlite);
    if (!statement) sqliteStatements.set(sqlite, (statement = sqlite.prepare(SQLITE_COUNT).pluck()));
    if (sqlite.inTransaction) {
      // Another caller's transaction is open on this one connection: the level cannot change now.
      count = statement.get(key, windowStart) as number;
    } else {
      const durable = sqlite.pragma('synchronous', { simple: true }) as number;
      sqlite.pragma('synchronous = NORMAL');
      try {
        count = statement.get(key, windowStart) as number;
      } finally {
        sqlite.pragma(`synchronous = ${durable}`);
      }
    }
  } else {
    const [row] = await rawRows<{ count: number }>(sql`
      insert into rate_limit_counters (key, window_start, count)
      select ${key}, ${windowStart}, 1 from (select set_config('synchronous_commit', 'off', true)) as no_wait
      on conflict (key) do update set
        count = case when rate_limit_counters.window_start = excluded.window_start then rate_limit_counters.count + 1 else 1 end,
        window_start = excluded.window_start
      returning count`);
    count = row.count;
  }
  // No cached read depends on these counters: the hot path's read cache keeps its entries.
  noteCacheNeutralChange();
  return count;
}
