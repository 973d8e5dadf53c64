import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedUser } from '@/test/db-fixtures';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { setUserRole, removeUser } from '@/lib/users/users';
import { endAllSessions, grantSessionReissue, newSessionClaims, SESSION_ABSOLUTE_LIFETIME_MS, sessionIsCurrent, takeSessionReissue } from './session-version';

describe('session versions', () => {
  it('a session is honoured until endAllSessions bumps the version', async () => {
    const user = await seedUser('member');
    const claims = (await newSessionClaims(user.id))!;
    expect(await sessionIsCurrent(claims)).toBe(true);
    expect(await endAllSessions(user.id)).toBe(claims.sv + 1);
    expect(await sessionIsCurrent(claims)).toBe(false);
    expect(await sessionIsCurrent((await newSessionClaims(user.id))!)).toBe(true);
    expect(await endAllSessions('no-such-user')).toBeNull();
    expect(await newSessionClaims('no-such-user')).toBeNull();
  });

  it('concurrent bumps lose none, and the cached version follows each one', async () => {
    const user = await seedUser('member');
    const start = (await newSessionClaims(user.id))!.sv;
    const versions = await Promise.all(Array.from({ length: 8 }, () => endAllSessions(user.id)));
    expect([...versions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 8 }, (_, i) => start + i + 1));
    expect((await newSessionClaims(user.id))!.sv).toBe(start + 8);
  });

  it('ends at the absolute lifetime however often it was renewed, and refuses tokens without our claims', async () => {
    const user = await seedUser('member');
    const signedInAt = Date.now() - SESSION_ABSOLUTE_LIFETIME_MS - 1_000;
    const claims = (await newSessionClaims(user.id, signedInAt))!;
    expect(await sessionIsCurrent(claims)).toBe(false);
    expect(await sessionIsCurrent({ ...claims, sat: Date.now() - SESSION_ABSOLUTE_LIFETIME_MS + 60_000 })).toBe(true);
    expect(await sessionIsCurrent({ uid: user.id })).toBe(false);
  });

  it('a role change and a removal end the user’s sessions', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const before = (await newSessionClaims(member.id))!;
    await setUserRole(admin, member.id, 'admin');
    expect(await sessionIsCurrent(before)).toBe(false);
    const after = (await newSessionClaims(member.id))!;
    await removeUser(admin, member.id);
    expect(await sessionIsCurrent(after)).toBe(false);
    expect(await getDb().select().from(users).where(eq(users.id, member.id))).toEqual([]);
  });

  it('a reissue grant is single use and bound to its user', async () => {
    const a = await seedUser('member');
    const b = await seedUser('member');
    const grant = grantSessionReissue(a.id, 7);
    expect(takeSessionReissue(grant, b.id)).toBeNull();
    const again = grantSessionReissue(a.id, 7);
    expect(takeSessionReissue(again, a.id)).toBe(7);
    expect(takeSessionReissue(again, a.id)).toBeNull();
    expect(takeSessionReissue('made-up', a.id)).toBeNull();
  });
});
