import 'server-only';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { writeTransaction } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

/** OIDC_ALLOW_SIGNUP: a first sign-in creates the user, without a console password. */
export async function createUserFromIdentityProvider(email: string, name: string | null, role: 'admin' | 'member'): Promise<void> {
  await writeTransaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) return;
    const id = crypto.randomUUID();
    await tx.insert(users).values({ id, email, name: name?.slice(0, 100) ?? null, role, passwordHash: null });
    await recordAuditEvent({ actor: { id, email, role, via: 'session' }, action: 'user.oidc_signup', targetType: 'user', target: email, detail: { role } }, tx);
  });
}
