import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { env } from '@/lib/env';
import * as pgSchema from './schema/pg';
import * as sqliteSchema from './schema/sqlite';

/**
 * One query surface for both dialects. The domain writes Drizzle queries and awaits them; on SQLite
 * the same builders run through better-sqlite3. What only one dialect has (`.get()`, `.all()`,
 * `.run()`, `.execute()`, `FOR UPDATE`) stays inside lib/db.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof pgSchema>;
/** The handle inside `writeTransaction`: the same queries as `Db`. */
export type Tx = Db;
export type Dialect = 'sqlite' | 'postgres';

type SqliteHandle = { dialect: 'sqlite'; db: Db; sqlite: Database.Database; native: BetterSQLite3Database<typeof sqliteSchema>; key: string };
type PgHandle = { dialect: 'postgres'; db: Db; pool: pg.Pool; key: string; ready: Promise<void> };
type Handle = SqliteHandle | PgHandle;

// One handle per process (and per database, so tests can switch files).
const globalForDb: { __connectionsDb?: Handle } & typeof globalThis = globalThis;
// The open transaction of this async context. `open` turns false when it ends, so a timer or promise
// started inside it and run later uses the database again instead of a finished transaction.
type OpenTransaction = { db: Db; open: boolean; afterCommit: (() => void)[] };
const currentTransaction = new AsyncLocalStorage<OpenTransaction>();
const openTransaction = () => {
  const t = currentTransaction.getStore();
  return t?.open ? t : undefined;
};

export const MIGRATIONS = { sqlite: path.join(process.cwd(), 'drizzle', 'sqlite'), postgres: path.join(process.cwd(), 'drizzle', 'pg') };

/**
 * The database holds sealed secrets, hashes and audit: only the owner may read it. The file is
 * created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the database file's
 * mode), and an existing file, WAL or shm is tightened to 0600.
 */
export function createPrivateFile(file: string): void {
  try {
    fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

function tightenModes(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

export function openSqlite(file: string): SqliteHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  createPrivateFile(file);
  tightenModes(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Keeps the WAL file bounded: after each checkpoint it is truncated back to this size.
  sqlite.pragma('journal_size_limit = 67108864');
  const native = drizzleSqlite(sqlite, { schema: sqliteSchema });
  migrateSqlite(native, { migrationsFolder: MIGRATIONS.sqlite });
  // The encryption key check is the entry points' job (bin/server.mjs, the CLI, instrumentation.ts):
  // this floor knows nothing of keys.
  return { dialect: 'sqlite', db: native as unknown as Db, sqlite, native, key: file };
}

/** Any number of instances may start at once: an advisory lock lets one apply the migrations. */
const MIGRATION_LOCK = 7_341_029;

export function openPostgres(url: string, options: { poolSize: number; statementTimeoutMs: number }): PgHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize, statement_timeout: options.statementTimeoutMs });
  // An idle client that loses its server (restart, failover) must not crash the process.
  pool.on('error', (e) => console.error(`[db] idle PostgreSQL client failed: ${e.message}`));
  const db = drizzlePg(pool, { schema: pgSchema });
  const ready = (async () => {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(db, { migrationsFolder: MIGRATIONS.postgres });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  })();
  ready.catch(() => undefined);
  return { dialect: 'postgres', db: db as unknown as Db, pool, key: url, ready };
}

function handle(): Handle {
  const { databaseUrl, databasePath, databasePoolSize, databaseStatementTimeoutMs } = env();
  const key = databaseUrl ?? databasePath;
  const current = globalForDb.__connectionsDb;
  if (current && current.key === key) return current;
  if (current) void close(current);
  globalForDb.__connectionsDb = databaseUrl
    ? openPostgres(databaseUrl, { poolSize: databasePoolSize, statementTimeoutMs: databaseStatementTimeoutMs })
    : openSqlite(databasePath);
  return globalForDb.__connectionsDb;
}

export function dialect(): Dialect {
  return handle().dialect;
}

/** The database, or the open transaction when called inside `writeTransaction`. */
export function getDb(): Db {
  return openTransaction()?.db ?? handle().db;
}

export function insideTransaction(): boolean {
  return openTransaction() !== undefined;
}

/**
 * Runs `work` as if no transaction were open (its `getDb()` and `writeTransaction` are the
 * database's own): for a record that must outlive the open transaction's rollback.
 */
export function outsideTransaction<T>(work: () => T): T {
  return currentTransaction.exit(work);
}

/**
 * Opens the database and applies the migrations. Entry points (the server, the CLI, tests) await it
 * once before the first query; on SQLite it is already done when the file opens.
 */
export async function prepareDatabase(): Promise<Dialect> {
  const h = handle();
  if (h.dialect === 'postgres') await h.ready;
  return h.dialect;
}

/** The SQLite handle, for the few SQLite-only paths in lib/db (backup, data_version); undefined on PostgreSQL. */
export function sqliteHandle(): Database.Database | undefined {
  const h = handle();
  return h.dialect === 'sqlite' ? h.sqlite : undefined;
}

export function pgPool(): pg.Pool | undefined {
  const h = handle();
  return h.dialect === 'postgres' ? h.pool : undefined;
}

// SQLite has one connection per process: transactions take turns, so two never interleave on it.
// A statement of another request can still run on that connection while one is open, and would
// join it; in practice the work inside is only better-sqlite3 calls, which resolve at once, so the
// transaction's continuations run back to back and no I/O callback gets in between.
let sqliteTurn: Promise<unknown> = Promise.resolve();
const SERIALIZATION_FAILURES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 10;

/**
 * Runs `work` in a transaction that behaves alike on both databases: on SQLite an IMMEDIATE
 * transaction (the write lock is taken up front, so a read-then-write never fails half way), on
 * PostgreSQL a SERIALIZABLE one, run again when PostgreSQL reports a conflict. `work` may run more
 * than once and must only touch the database: no HTTP call is ever made inside a transaction.
 * Nested calls join the open transaction; `getDb()` inside `work` is the transaction.
 */
export type TransactionOptions = {
  /**
   * PostgreSQL only. `read committed` for a bulk write (an import of thousands of rows): under
   * SERIALIZABLE its reads would conflict with any concurrent write to the same tables and it
   * could be retried without end; it stays all or nothing, and unique constraints still hold.
   */
  isolation?: 'serializable' | 'read committed';
};

export async function writeTransaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const open = openTransaction();
  if (open) return work(open.db);
  const h = handle();
  if (h.dialect === 'postgres') {
    await h.ready;
    for (let attempt = 1; ; attempt++) {
      const state: OpenTransaction = { db: h.db, open: true, afterCommit: [] };
      try {
        const result = await h.db.transaction(
          (tx) => {
            state.db = tx as unknown as Db;
            return currentTransaction.run(state, () => work(state.db));
          },
          { isolationLevel: options.isolation ?? 'serializable' },
        );
        state.open = false;
        runAfterCommit(state);
        return result;
      } catch (e) {
        state.open = false;
        const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
        if (!code || !SERIALIZATION_FAILURES.has(code) || attempt >= MAX_ATTEMPTS) throw e;
        // Exponential backoff with jitter, so conflicting writers spread out instead of colliding again.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(1_000, 5 * 2 ** attempt)));
      }
    }
  }
  const run = async () => {
    const state: OpenTransaction = { db: h.db, open: true, afterCommit: [] };
    h.sqlite.prepare('begin immediate').run();
    try {
      const result = await currentTransaction.run(state, () => work(h.db));
      h.sqlite.prepare('commit').run();
      state.open = false;
      runAfterCommit(state);
      return result;
    } catch (e) {
      state.open = false;
      if (h.sqlite.inTransaction) h.sqlite.prepare('rollback').run();
      throw e;
    }
  };
  const result = sqliteTurn.then(run, run);
  sqliteTurn = result.catch(() => undefined);
  return result;
}

/** Transactions this process has committed (read-cache.ts: a request's view of the database holds until the next). */
let committedTransactions = 0;
export const localCommitCount = () => committedTransactions;

function runAfterCommit(state: OpenTransaction) {
  committedTransactions++;
  for (const fn of state.afterCommit) currentTransaction.exit(() => queueMicrotask(fn));
}

/**
 * Runs `fn` once the open transaction has committed (never if it rolls back), or at once when none
 * is open: for work that must see the committed rows, such as waking the webhook worker.
 */
export function afterCommit(fn: () => void): void {
  const open = openTransaction();
  if (open) open.afterCommit.push(fn);
  else queueMicrotask(fn);
}

async function close(h: Handle) {
  if (h.dialect === 'sqlite') h.sqlite.close();
  else await h.pool.end().catch(() => undefined);
}

export async function closeDatabase() {
  const h = globalForDb.__connectionsDb;
  globalForDb.__connectionsDb = undefined;
  if (h) await close(h);
}

/** Raw SQL for the few statements Drizzle's builders do not express alike on both dialects. */
export async function rawRows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const db = getDb();
  if (handle().dialect === 'postgres') return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  return (db as unknown as BetterSQLite3Database).all<T>(query);
}

export async function rawRun(query: ReturnType<typeof sql>): Promise<void> {
  const db = getDb();
  if (handle().dialect === 'postgres') await db.execute(query);
  else (db as unknown as BetterSQLite3Database).run(query);
}
