import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { env } from '@/lib/env';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** The handle inside `writeTransaction`: the same queries as `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

type Handle = { db: Db; sqlite: Database.Database; path: string };

// One handle per process (and per database path, so tests can switch files).
const globalForDb: { __connectionsDb?: Handle } & typeof globalThis = globalThis;

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

export function openDatabase(file: string): Handle {
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
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: path.join(process.cwd(), 'drizzle') });
  // The encryption key check is the entry points' job (bin/server.mjs, the CLI, instrumentation.ts):
  // this floor knows nothing of keys.
  return { db, sqlite, path: file };
}

function handle(): Handle {
  const file = env().databasePath;
  const current = globalForDb.__connectionsDb;
  if (current && current.path === file) return current;
  current?.sqlite.close();
  globalForDb.__connectionsDb = openDatabase(file);
  return globalForDb.__connectionsDb;
}

export function getDb(): Db {
  return handle().db;
}

export function getSqlite(): Database.Database {
  return handle().sqlite;
}

/**
 * Runs `work` in an IMMEDIATE transaction: the write lock is taken up front, so a
 * read-then-write never fails half way with SQLITE_BUSY. `work` must stay synchronous:
 * no HTTP call is ever made while a transaction is open.
 */
export function writeTransaction<T>(work: (tx: Tx) => T): T {
  const db = getDb();
  return db.transaction((tx) => work(tx), { behavior: 'immediate' });
}

export function closeDatabase() {
  globalForDb.__connectionsDb?.sqlite.close();
  globalForDb.__connectionsDb = undefined;
}
