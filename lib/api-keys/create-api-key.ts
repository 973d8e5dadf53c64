import 'server-only';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { writeTransaction } from '@/lib/db/client';
import { apiKeys, users } from '@/lib/db/schema';
import { AppError, badInput } from '@/lib/errors';
import { generateApiKey } from './api-key-format';
import type { CreateApiKeyInput } from './api-key-schemas';

export type CreatedApiKey = { id: string; name: string; prefix: string; userEmail: string; key: string };

/**
 * Creates a key that acts as `input.userId` (default: the admin creating it) with that user's role
 * at the time of each request. The clear key is returned once and never stored.
 */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  assertAdmin(actor, 'Only admins can create API keys.');
  const userId = input.userId ?? actor.id;
  if (!userId) throw badInput('Pick the user this key acts as.', { userId: 'Pick a user.' });
  const generated = generateApiKey();
  return writeTransaction(async (tx) => {
    const [owner] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
    if (!owner) throw new AppError('not_found', 'That user was not found.', { userId: 'That user was not found.' });
    const id = crypto.randomUUID();
    await tx.insert(apiKeys).values({ id, name: input.name, prefix: generated.prefix, keyHash: generated.hash, userId: owner.id });
    await recordAuditEvent({ actor, action: 'api_key.create', targetType: 'api_key', target: `${input.name} (${generated.prefix}…)`, detail: { actsAs: owner.email } }, tx);
    return { id, name: input.name, prefix: generated.prefix, userEmail: owner.email, key: generated.key };
  });
}
