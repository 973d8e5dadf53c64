import 'server-only';
import type Database from 'better-sqlite3';
import { getSqlite } from './client';

/**
 * Where the database stands: `data_version` changes with every commit by another connection (the
 * CLI, a second server, key rotation), `total_changes()` with every row this connection changes.
 * Equal answers mean no table has changed in between.
 */
const versionStatements = new WeakMap<Database.Database, Database.Statement>();

function databaseVersion(sqlite: Database.Database): string {
  let statement = versionStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare('select total_changes(), data_version from pragma_data_version').raw();
    versionStatements.set(sqlite, statement);
  }
  const [changes, dataVersion] = statement.get() as [number, number];
  return `${changes}:${dataVersion}`;
}

/**
 * Hot-path read results (the runtime credentials API runs on every tool call), kept only until the
 * database changes in any way: a revoked key, a demoted user or new credentials are seen on the very
 * next call, as without the cache. `read` must not write; its value is shared between callers,
 * so treat it as read-only.
 */
export function createReadCache<V>(maxEntries = 1_000) {
  let version = '';
  let handle: Database.Database | null = null;
  const entries = new Map<string, V>();
  return function cachedRead(key: string, read: () => V): V {
    const sqlite = getSqlite();
    const now = databaseVersion(sqlite);
    if (now !== version || sqlite !== handle) {
      entries.clear();
      version = now;
      handle = sqlite;
    } else if (entries.has(key)) {
      return entries.get(key) as V;
    }
    const value = read();
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, value);
    return value;
  };
}
