import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { apiKeys, users } from '@/lib/db/schema';

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  userEmail: string;
  userRole: 'admin' | 'member';
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
};

/** Every key, newest first; never the key or its hash. */
export async function listApiKeys(actor: Actor): Promise<ApiKeySummary[]> {
  assertAdmin(actor, 'Only admins can see API keys.');
  return getDb()
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      userEmail: users.email,
      userRole: users.role,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
