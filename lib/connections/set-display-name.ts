import 'server-only';
import { eq } from 'drizzle-orm';
import type * as z from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { writeTransaction } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { displayNameSchema } from './display-name-schema';

/** The optional human name shown with the app id (and matched by search). */
export async function setDisplayName(actor: Actor, input: z.output<typeof displayNameSchema>): Promise<void> {
  assertAdmin(actor, 'Only admins can rename connections.');
  await writeTransaction(async (tx) => {
    const changed = await tx
      .update(connections)
      .set({ displayName: input.displayName, updatedAt: Date.now() })
      .where(eq(connections.appId, input.appId))
      .returning({ id: connections.id });
    if (!changed.length) throw notFound(`Connection "${input.appId}"`);
    await recordAuditEvent({ actor, action: 'connection.rename', targetType: 'connection', target: input.appId, detail: { displayName: input.displayName } }, tx);
  });
}
