import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { hashPassword } from '@/lib/crypto/passwords';
import { getDb, writeTransaction } from '@/lib/db/client';
import { accountLinks, users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { hashLinkToken, looksLikeLinkToken } from '@/lib/security/link-token';
import { ACCOUNT_LINK_PREFIX } from './account-link-schemas';
import { endAllSessions } from '@/lib/auth/session-version';

export type OpenAccountLink = { purpose: 'invite' | 'reset'; email: string; name: string | null; expiresAt: number };

const unusable = () => new AppError('not_found', 'This link is not valid any more: it was used, replaced by a newer one, or it expired. Ask an admin for a new one.');

async function findLink(token: string, now: number) {
  if (!looksLikeLinkToken(token, ACCOUNT_LINK_PREFIX)) return undefined;
  const [link] = await getDb()
    .select({ id: accountLinks.id, purpose: accountLinks.purpose, userId: accountLinks.userId, expiresAt: accountLinks.expiresAt, email: users.email, name: users.name })
    .from(accountLinks)
    .innerJoin(users, eq(users.id, accountLinks.userId))
    .where(and(eq(accountLinks.tokenHash, hashLinkToken(token)), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now)))
    .limit(1);
  return link;
}

/** What the set-password page shows: whose account and why, or why the link cannot be used. */
export async function openAccountLink(token: string, now = Date.now()): Promise<OpenAccountLink> {
  const link = await findLink(token, now);
  if (!link) throw unusable();
  return { purpose: link.purpose, email: link.email, name: link.name, expiresAt: link.expiresAt };
}

/** Sets the password and uses the link up, once (a second submit of the same link fails). */
export async function setPasswordFromLink(token: string, password: string, now = Date.now()): Promise<{ email: string }> {
  if (!(await findLink(token, now))) throw unusable();
  const passwordHash = await hashPassword(password);
  const link = await writeTransaction(async (tx) => {
    const current = await findLink(token, now);
    if (!current) throw unusable();
    const used = await tx
      .update(accountLinks)
      .set({ usedAt: now })
      .where(and(eq(accountLinks.id, current.id), isNull(accountLinks.usedAt)))
      .returning({ id: accountLinks.id });
    if (!used.length) throw unusable();
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, current.userId));
    // A new password ends every session the account had (a reset after a stolen cookie, say).
    await endAllSessions(current.userId);
    await recordAuditEvent({ actor: { id: current.userId, email: current.email, role: 'member', via: 'session' }, action: 'user.password_set', targetType: 'user', target: current.email, detail: { from: current.purpose } }, tx);
    return current;
  });
  return { email: link.email };
}
