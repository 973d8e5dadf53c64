import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import type { WebhookEvent } from '@/lib/webhooks/events';
import { enqueueWebhookEvent } from '@/lib/webhooks/outbox';

export type CredentialRef = { appId: string; env: string; kind: string; userId: string | null };

/** Queues a credential event for the webhooks, inside the transaction that made the change. */
export async function emitCredentialEvent(
  tx: Db,
  event: WebhookEvent,
  ref: CredentialRef,
  outcome: 'success' | 'failure',
  error?: { code?: string | null; message?: string | null },
): Promise<void> {
  const owner = ref.userId ? ((await tx.select({ email: users.email }).from(users).where(eq(users.id, ref.userId)).limit(1))[0]?.email ?? 'unknown member') : 'team';
  await enqueueWebhookEvent(
    event,
    { app_id: ref.appId, env: ref.env, owner, kind: ref.kind, outcome, error_code: error?.code ?? null, ...(error?.message ? { message: error.message.slice(0, 300) } : {}) },
    tx,
  );
}
