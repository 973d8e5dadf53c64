import 'server-only';
import { and, eq } from 'drizzle-orm';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '@/lib/crypto/passwords';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { recordSuccessfulSignIn, takeSignInAttempt } from '@/lib/security/sign-in-throttle';
import { signInSchema } from '@/lib/users/user-schemas';
import { findUserByEmail } from '@/lib/users/users';

export type SignedInUser = { id: string; email: string; name: string };

/**
 * The password check behind the Credentials provider (the sign-in form and Auth.js's own callback
 * route). The attempt is taken before any hashing, so throttled guesses cost nothing and parallel
 * guesses cannot all slip through. A hash with older parameters is upgraded on success.
 */
export async function signInWithPassword(raw: unknown, ip: string): Promise<SignedInUser | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (!(await takeSignInAttempt(email, ip)).ok) return null;
  const user = await findUserByEmail(email);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await recordSuccessfulSignIn(email, ip);
  if (needsRehash(user.passwordHash)) await upgradePasswordHash(user.id, password, user.passwordHash);
  return { id: user.id, email: user.email, name: user.name ?? user.email };
}

/** Only replaces the hash that was checked: a password changed meanwhile is never overwritten. */
async function upgradePasswordHash(userId: string, password: string, checkedHash: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await getDb()
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.id, userId), eq(users.passwordHash, checkedHash)));
}
