import 'server-only';
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { writeTransaction, type Tx } from '@/lib/db/client';
import { accountLinks, users } from '@/lib/db/schema';
import { env as appEnv } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { generateLinkToken } from '@/lib/security/link-token';
import { ACCOUNT_LINK_PREFIX, INVITE_TTL_MS, RESET_TTL_MS, type InviteUserInput } from './account-link-schemas';

export type CreatedAccountLink = { url: string; email: string; expiresAt: number };

const accountLinkUrl = (token: string) => new URL(`/set-password/${token}`, appEnv().appUrl).href;

/** A new link replaces the user's earlier unused ones of the same purpose: only the latest works. */
async function insertLink(tx: Tx, actor: Actor, userId: string, purpose: 'invite' | 'reset', ttl: number, now: number): Promise<{ token: string; expiresAt: number }> {
  await tx.delete(accountLinks).where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, purpose), isNull(accountLinks.usedAt)));
  const { token, hash } = generateLinkToken(ACCOUNT_LINK_PREFIX);
  const expiresAt = now + ttl;
  await tx.insert(accountLinks).values({ id: crypto.randomUUID(), tokenHash: hash, purpose, userId, createdBy: actor.email, expiresAt });
  return { token, expiresAt };
}

/** Adds the user without a password and returns a single-use link (7 days) where they choose one. */
export async function inviteUser(actor: Actor, input: InviteUserInput, now = Date.now()): Promise<CreatedAccountLink> {
  assertAdmin(actor, 'Only admins can invite users.');
  return writeTransaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing) {
      throw new AppError('conflict', 'A user with this email already exists.', { email: 'A user with this email already exists.' });
    }
    const id = crypto.randomUUID();
    await tx.insert(users).values({ id, email: input.email, name: input.name ?? null, role: input.role, passwordHash: null });
    const { token, expiresAt } = await insertLink(tx, actor, id, 'invite', INVITE_TTL_MS, now);
    await recordAuditEvent({ actor, action: 'user.invite', targetType: 'user', target: input.email, detail: { role: input.role } }, tx);
    return { url: accountLinkUrl(token), email: input.email, expiresAt };
  });
}

/** A single-use link (24 hours) where the user sets a new password; their old one keeps working until then. */
export async function createPasswordResetLink(actor: Actor, userId: string, now = Date.now()): Promise<CreatedAccountLink> {
  assertAdmin(actor, 'Only admins can create password reset links.');
  return writeTransaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw notFound('The user');
    // Someone who never accepted their invitation gets a fresh invitation instead.
    const purpose = user.passwordHash ? 'reset' : 'invite';
    const { token, expiresAt } = await insertLink(tx, actor, user.id, purpose, purpose === 'reset' ? RESET_TTL_MS : INVITE_TTL_MS, now);
    await recordAuditEvent({ actor, action: 'user.reset_link', targetType: 'user', target: user.email }, tx);
    return { url: accountLinkUrl(token), email: user.email, expiresAt };
  });
}
