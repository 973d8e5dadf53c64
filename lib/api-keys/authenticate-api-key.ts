import 'server-only';
import type Database from 'better-sqlite3';
import type { Actor } from '@/lib/auth/actor';
import { getSqlite } from '@/lib/db/client';
import { createReadCache } from '@/lib/db/read-cache';
import { hashApiKey, looksLikeApiKey } from './api-key-format';

/** Writing `last_used_at` on every call would put a disk sync on the hot path: once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

// Plain prepared statements: this runs on every API call, including the runtime fast path.
function prepare(sqlite: Database.Database) {
  return {
    find: sqlite.prepare(
      `select k.id as keyId, k.last_used_at as lastUsedAt, u.id as userId, u.email, u.role
       from api_keys k join users u on u.id = k.user_id
       where k.key_hash = ? and k.revoked_at is null`,
    ),
    touch: sqlite.prepare('update api_keys set last_used_at = ? where id = ?'),
  };
}

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
const keyRows = createReadCache<Row | undefined>();

type Row = { keyId: string; lastUsedAt: number | null; userId: string; email: string; role: 'admin' | 'member' };

/** An actor authenticated by an API key: `apiKeyId` lets limits count per key, not per user. */
export type ApiKeyActor = Actor & { apiKeyId: string };

/**
 * The actor behind a bearer key, with the owner's role read now: a revoked key, a removed user
 * (their keys cascade away) or a demoted admin takes effect on the very next request.
 */
export function actorFromApiKey(key: string): ApiKeyActor | null {
  if (!looksLikeApiKey(key)) return null;
  const sqlite = getSqlite();
  let prepared = statements.get(sqlite);
  if (!prepared) statements.set(sqlite, (prepared = prepare(sqlite)));
  const hash = hashApiKey(key);
  const row = keyRows(hash, () => prepared.find.get(hash) as Row | undefined);
  if (!row) return null;
  const now = Date.now();
  if (row.lastUsedAt === null || now - row.lastUsedAt > LAST_USED_RESOLUTION_MS) prepared.touch.run(now, row.keyId);
  return { id: row.userId, email: row.email, role: row.role, via: 'api_key', apiKeyId: row.keyId };
}
