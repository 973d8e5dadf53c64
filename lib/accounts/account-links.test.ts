import { describe, expect, it } from 'vitest';
import { currentSessionVersion } from '@/lib/auth/session-version';
import { verifyPassword } from '@/lib/crypto/passwords';
import { getSqlite } from '@/lib/db/client';
import { seedUser } from '@/test/db-fixtures';
import { findUserByEmail } from '@/lib/users/users';
import { inviteUserSchema } from './account-link-schemas';
import { createPasswordResetLink, inviteUser } from './create-account-link';
import { openAccountLink, setPasswordFromLink } from './use-account-link';

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('invitations and reset links', () => {
  it('an invitation adds the user without a password; the link sets one, once; only a hash is stored', async () => {
    const admin = await seedUser('admin');
    const email = `invitee-${Date.now()}@example.test`;
    const invite = inviteUser(admin, inviteUserSchema.parse({ email, role: 'member' }));
    const token = tokenOf(invite.url);
    expect(findUserByEmail(email)?.passwordHash).toBeNull();
    expect(getSqlite().prepare('select count(*) n from account_links where token_hash = ?').get(token)).toEqual({ n: 0 });
    expect(openAccountLink(token)).toMatchObject({ purpose: 'invite', email });

    await setPasswordFromLink(token, 'a-long-enough-password');
    expect(await verifyPassword('a-long-enough-password', findUserByEmail(email)!.passwordHash!)).toBe(true);
    await expect(setPasswordFromLink(token, 'another-long-password')).rejects.toThrow(/not valid any more/);
    expect(() => inviteUser(admin, inviteUserSchema.parse({ email, role: 'member' }))).toThrow(/already exists/);
    expect(() => inviteUser(await seedUser('member'), inviteUserSchema.parse({ email: 'x@example.test', role: 'member' }))).toThrow(/Only admins/);
  });

  it('a reset link expires, and a newer one replaces it', async () => {
    const admin = await seedUser('admin');
    const email = `reset-${Date.now()}@example.test`;
    await setPasswordFromLink(tokenOf(inviteUser(admin, inviteUserSchema.parse({ email, role: 'member' })).url), 'first-password-123');
    const user = findUserByEmail(email)!;
    const first = tokenOf(createPasswordResetLink(admin, user.id).url);
    expect(openAccountLink(first).purpose).toBe('reset');
    expect(() => openAccountLink(first, Date.now() + 25 * 3600_000)).toThrow(/expired/);
    const second = tokenOf(createPasswordResetLink(admin, user.id).url);
    expect(() => openAccountLink(first)).toThrow(/replaced by a newer one/);
    const versionBefore = currentSessionVersion(user.id)!;
    await setPasswordFromLink(second, 'second-password-123');
    expect(await verifyPassword('second-password-123', findUserByEmail(email)!.passwordHash!)).toBe(true);
    // Every session signed in with the old password ends on its next request.
    expect(currentSessionVersion(user.id)).toBeGreaterThan(versionBefore);
  });
});
