import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { UserActor } from '@/lib/auth/actor';
import { endAllSessions } from '@/lib/auth/session-version';
import { hashPassword, verifyPassword } from '@/lib/crypto/passwords';
import { writeTransaction } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { recordSuccessfulSignIn, takeSignInAttempt, tooManyAttemptsMessage } from '@/lib/security/sign-in-throttle';
import type { changePasswordSchema } from './user-schemas';
import { findUserById } from './users';
import type * as z from 'zod';

const WRONG_CURRENT = 'That is not your current password.';

/**
 * A signed-in user changes their own password. The current password is checked (throttled like a
 * sign-in, so a borrowed session cannot guess it), and every session of the user ends; the caller
 * re-issues the current one with the returned version, so only the OTHER sessions are signed out.
 */
export async function changeOwnPassword(actor: UserActor, input: z.output<typeof changePasswordSchema>, ip: string): Promise<{ sessionVersion: number }> {
  const user = await findUserById(actor.id);
  if (!user) throw notFound('Your account');
  const attempt = await takeSignInAttempt(user.email, ip);
  if (!attempt.ok) throw new AppError('rate_limited', tooManyAttemptsMessage(attempt.retryAfterSeconds), undefined, { retryAfterSeconds: attempt.retryAfterSeconds });
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('bad_input', WRONG_CURRENT, { currentPassword: WRONG_CURRENT });
  }
  await recordSuccessfulSignIn(user.email, ip);
  const passwordHash = await hashPassword(input.newPassword);
  return writeTransaction(async (tx) => {
    // The hash that was checked must still be the stored one (no change in between).
    const [current] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1);
    if (current?.hash !== user.passwordHash) throw new AppError('conflict', 'Your password was changed meanwhile. Reload and try again.');
    await tx.update(users).set({ passwordHash, updatedAt: Date.now() }).where(eq(users.id, user.id));
    const sessionVersion = (await endAllSessions(user.id)) as number;
    await recordAuditEvent({ actor, action: 'user.password_change', targetType: 'user', target: user.email }, tx);
    return { sessionVersion };
  });
}
