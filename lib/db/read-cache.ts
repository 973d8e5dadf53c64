import 'server-only';
import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { getDb, pgPool, sqliteHandle } from './client';
import { dataVersion } from './schema';

/**
 * Where the database stands. SQLite: `data_version` changes with every commit by another connection
 * (the CLI, a second server, key rotation), `total_changes()` with every row this connection changes.
 * PostgreSQL: a counter row that triggers bump on every change to the cached tables, from any
 * instance (drizzle/pg/0001_data_version_triggers.sql). Equal answers mean nothing has changed.
 */
const versionStatements = new WeakMap<Database.Database, Database.Statement>();

async function databaseVersion(): Promise<{ version: string; source: object }> {
  const sqlite = sqliteHandle();
  if (sqlite) {
    let statement = versionStatements.get(sqlite);
    if (!statement) {
      statement = sqlite.prepare('select total_changes(), data_version from pragma_data_version').raw();
      versionStatements.set(sqlite, statement);
    }
    const [changes, dataVersionNow] = statement.get() as [number, number];
    return { version: `${changes}:${dataVersionNow}`, source: sqlite };
  }
  const db = getDb();
  const [row] = await db.select({ version: dataVersion.version }).from(dataVersion).where(eq(dataVersion.id, 1));
  return { version: String(row?.version ?? 0), source: pgPool() ?? db };
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
