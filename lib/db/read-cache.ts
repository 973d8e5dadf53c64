import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { count, lte, max } from 'drizzle-orm';
import { getDb, insideTransaction, localCommitCount, pgPool, sqliteHandle } from './client';
// PostgreSQL only (SQLite has `data_version`), so not among the tables of ./schema.ts.
import { dataChanges } from './schema/pg';
import { databaseErrorMessage } from './errors';

/**
 * Where the database stands. SQLite: `data_version` changes with every commit by another connection
 * (the CLI, a second server, key rotation), `total_changes()` with every row this connection changes.
 * PostgreSQL: the rows that triggers add to `data_changes` on every change to the cached tables, from
 * any instance (drizzle/pg/0001_data_changes_triggers.sql). Equal answers mean nothing has changed.
 */
const versionStatements = new WeakMap<Database.Database, { changes: Database.Statement; dataVersion: Database.Statement }>();

/**
 * One request's view of the database. Each cached read checks where the database stands: on SQLite
 * `data_version` opens a read transaction (a third of a runtime call's cost under load), on
 * PostgreSQL it is a round trip. Within `withCommitSnapshot` the first read's answer serves the rest
 * of the request. Taken after the request arrived, it sees every commit made before it. This
 * process's own writes are still seen at once: on SQLite every write (`total_changes()` on every
 * read), on PostgreSQL every `writeTransaction` committed since; a plain statement outside one (the
 * runtime path's last-used touch of its API key, which no later read of the request depends on) is
 * seen from the next request.
 */
type Snapshot = { sqliteDataVersion?: number; postgres?: { version: string; commits: number } };
const commitSnapshot = new AsyncLocalStorage<Snapshot>();
export function withCommitSnapshot<T>(work: () => T): T {
  return commitSnapshot.run({}, work);
}

/**
 * Rows this process changes that no cached read depends on (the shared rate-limit counters, written
 * on every runtime call): SQLite's `total_changes()` counts them too, so they are taken off it. On
 * globalThis, like the database handle: Next's route bundles and the fast path share one count.
 */
const neutral: { __cacheNeutralChanges?: number } & typeof globalThis = globalThis;
export function noteCacheNeutralChange(): void {
  neutral.__cacheNeutralChanges = (neutral.__cacheNeutralChanges ?? 0) + 1;
}

async function databaseVersion(): Promise<{ version: string; source: object }> {
  const sqlite = sqliteHandle();
  if (sqlite) {
    let statements = versionStatements.get(sqlite);
    if (!statements) {
      statements = { changes: sqlite.prepare('select total_changes()').pluck(), dataVersion: sqlite.prepare('pragma data_version').pluck() };
      versionStatements.set(sqlite, statements);
    }
    const changes = statements.changes.get() as number;
    const snapshot = commitSnapshot.getStore();
    const dataVersionNow = snapshot?.sqliteDataVersion ?? (statements.dataVersion.get() as number);
    if (snapshot) snapshot.sqliteDataVersion = dataVersionNow;
    return { version: `${changes - (neutral.__cacheNeutralChanges ?? 0)}:${dataVersionNow}`, source: sqlite };
  }
  const snapshot = commitSnapshot.getStore();
  const commits = localCommitCount();
  if (snapshot?.postgres?.commits === commits) return { version: snapshot.postgres.version, source: pgPool() as object };
  const version = await postgresVersion();
  if (snapshot) snapshot.postgres = { version, commits };
  return { version, source: pgPool() as object };
}

/**
 * PostgreSQL's counter, read by a query that started after the caller asked (so a change committed
 * before the call is always seen), shared by every caller that asked while one was in flight: under
 * load one small query serves a whole batch of requests instead of one each.
 */
let running: Promise<string> | undefined;
let queued: Promise<string> | undefined;
/** Past this many rows the oldest are dropped; the count then changes, which only empties caches. */
const KEEP_CHANGES = 1_000;
function startVersionQuery(): Promise<string> {
  const query = getDb()
    .select({ rows: count(), newest: max(dataChanges.id) })
    .from(dataChanges)
    .then(([row]) => {
      const newest = Number(row?.newest ?? 0);
      if ((row?.rows ?? 0) > 2 * KEEP_CHANGES) void pruneChanges(newest - KEEP_CHANGES);
      // The count, not only the newest id: a transaction that took a lower id can commit later.
      return `${row?.rows ?? 0}:${newest}`;
    });
  const current: Promise<string> = query.finally(() => {
    if (running === current) running = undefined;
  });
  running = current;
  return current;
}
function pruneChanges(below: number) {
  return getDb()
    .delete(dataChanges)
    .where(lte(dataChanges.id, below))
    .catch((e: unknown) => console.error('[db] could not prune data_changes:', databaseErrorMessage(e)));
}
function postgresVersion(): Promise<string> {
  if (!running) return startVersionQuery();
  queued ??= running
    .catch(() => undefined)
    .then(() => {
      queued = undefined;
      return startVersionQuery();
    });
  return queued;
}

/**
 * Hot-path read results (the runtime credentials API runs on every tool call), kept only until the
 * database changes in any way: a revoked key, a demoted user or new credentials are seen on the very
 * next call, on every instance, as without the cache. `read` must not write; its value is shared
 * between callers, so treat it as read-only.
 */
export function createReadCache<V>(maxEntries = 1_000) {
  let version = '';
  let source: object | null = null;
  const entries = new Map<string, V>();
  return async function cachedRead(key: string, read: () => Promise<V>): Promise<V> {
    // A transaction sees its own uncommitted rows, which the shared entries must never hold.
    if (insideTransaction()) return read();
    const now = await databaseVersion();
    if (now.version !== version || now.source !== source) {
      entries.clear();
      version = now.version;
      source = now.source;
    } else if (entries.has(key)) {
      return entries.get(key) as V;
    }
    const value = await read();
    // A change may have landed while reading: keep the value only if the version it was read at still holds.
    if (version === now.version) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, value);
    }
    return value;
  };
}
