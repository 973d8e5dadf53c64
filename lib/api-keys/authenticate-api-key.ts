import 'server-only';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { createReadCache } from '@/lib/db/read-cache';
import { apiKeys, users } from '@/lib/db/schema';
import { hashApiKey, looksLikeApiKey } from './api-key-format';

/** Writing `last_used_at` on every call would put a disk sync on the hot path: once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

// This runs on every API call, including the runtime fast path: rows are kept until the database changes.
const keyRows = createReadCache<Row | undefined>();

type Row = { keyId: string; lastUsedAt: number | null; userId: string; email: string; role: 'admin' | 'member' };

/** An actor authenticated by an API key: `apiKeyId` lets limits count per key, not per user. */
export type ApiKeyActor = Actor & { apiKeyId: string };

async function findKey(hash: string): Promise<Row | undefined> {
  const [row] = await getDb()
    .select({ keyId: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt, userId: users.id, email: users.email, role: users.role })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

/** Only when the stored time is older than the resolution: instances touching the same key at once write once. */
async function touch(keyId: string, now: number): Promise<void> {
  await getDb()
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - LAST_USED_RESOLUTION_MS))));
}

/**
 * The actor behind a bearer key, with the owner's role read now: a revoked key, a removed user
 * (their keys cascade away) or a demoted admin takes effect on the very next request.
 */
export async function actorFromApiKey(key: string): Promise<ApiKeyActor | null> {
  if (!looksLikeApiKey(key)) return null;
  const hash = hashApiKey(key);
  const row = await keyRows(hash, () => findKey(hash));
  if (!row) return null;
  const now = Date.now();
  if (row.lastUsedAt === null || now - row.lastUsedAt > LAST_USED_RESOLUTION_MS) await touch(row.keyId, now);
  return { id: row.userId, email: row.email, role: row.role, via: 'api_key', apiKeyId: row.keyId };
}
