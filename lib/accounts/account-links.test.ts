import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { currentSessionVersion } from '@/lib/auth/session-version';
import { verifyPassword } from '@/lib/crypto/passwords';
import { getDb } from '@/lib/db/client';
import { accountLinks } from '@/lib/db/schema';
import { hashLinkToken } from '@/lib/security/link-token';
import { seedUser } from '@/test/db-fixtures';
import { findUserByEmail } from '@/lib/users/users';
import { inviteUserSchema } from './account-link-schemas';
import { createPasswordResetLink, inviteUser } from './create-account-link';
import { listUsersWithoutPassword } from './list-pending-invitations';
import { openAccountLink, setPasswordFromLink } from './use-account-link';

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('invitations and reset links', () => {
  it('an invitation adds the user without a password; the link sets one, once; only a hash is stored', async () => {
    const admin = await seedUser('admin');
    const email = `invitee-${Date.now()}@example.test`;
    const invite = await inviteUser(admin, inviteUserSchema.parse({ email, role: 'member' }));
    const token = tokenOf(invite.url);
    const invitee = (await findUserByEmail(email))!;
    expect(invitee.passwordHash).toBeNull();
    expect(await listUsersWithoutPassword()).toContain(invitee.id);
    expect(await getDb().select().from(accountLinks).where(eq(accountLinks.tokenHash, token))).toEqual([]);
    expect(await getDb().select().from(accountLinks).where(eq(accountLinks.tokenHash, hashLinkToken(token)))).toHaveLength(1);
    expect(await openAccountLink(token)).toMatchObject({ purpose: 'invite', email });

    await setPasswordFromLink(token, 'a-long-enough-password');
    expect(await verifyPassword('a-long-enough-password', (await findUserByEmail(email))!.passwordHash!)).toBe(true);
    expect(await listUsersWithoutPassword()).not.toContain(invitee.id);
    await expect(setPasswordFromLink(token, 'another-long-password')).rejects.toThrow(/not valid any more/);
    await expect(inviteUser(admin, inviteUserSchema.parse({ email, role: 'member' }))).rejects.toThrow(/already exists/);
    await expect(inviteUser(await seedUser('member'), inviteUserSchema.parse({ email: 'x@example.test', role: 'member' }))).rejects.toThrow(/Only admins/);
  });

  it('a reset link expires, and a newer one replaces it', async () => {
    const admin = await seedUser('admin');
    const email = `reset-${Date.now()}@example.test`;
    await setPasswordFromLink(tokenOf((await inviteUser(admin, inviteUserSchema.parse({ email, role: 'member' }))).url), 'first-password-123');
    const user = (await findUserByEmail(email))!;
    const first = tokenOf((await createPasswordResetLink(admin, user.id)).url);
    expect((await openAccountLink(first)).purpose).toBe('reset');
    await expect(openAccountLink(first, Date.now() + 25 * 3600_000)).rejects.toThrow(/expired/);
    const second = tokenOf((await createPasswordResetLink(admin, user.id)).url);
    await expect(openAccountLink(first)).rejects.toThrow(/replaced by a newer one/);
    const versionBefore = (await currentSessionVersion(user.id))!;
    await setPasswordFromLink(second, 'second-password-123');
    expect(await verifyPassword('second-password-123', (await findUserByEmail(email))!.passwordHash!)).toBe(true);
    // Every session signed in with the old password ends on its next request.
    expect(await currentSessionVersion(user.id)).toBeGreaterThan(versionBefore);
  });
});
