import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { writeTransaction } from '@/lib/db/client';
import { apiKeys } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';

/** Revoking is immediate: the next request with the key is refused. Revoking twice is a no-op. */
export async function revokeApiKey(actor: Actor, id: string): Promise<void> {
  assertAdmin(actor, 'Only admins can revoke API keys.');
  await writeTransaction(async (tx) => {
    const [key] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
    if (!key) throw notFound('The API key');
    if (key.revokedAt) return;
    await tx.update(apiKeys).set({ revokedAt: Date.now() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
    await recordAuditEvent({ actor, action: 'api_key.revoke', targetType: 'api_key', target: `${key.name} (${key.prefix}…)` }, tx);
  });
}
