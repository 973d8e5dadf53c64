import { describe, expect, it } from 'vitest';
import { seedUser } from '@/test/db-fixtures';
import { getSqlite } from '@/lib/db/client';
import { setUserRole, removeUser } from '@/lib/users/users';
import { endAllSessions, grantSessionReissue, newSessionClaims, SESSION_ABSOLUTE_LIFETIME_MS, sessionIsCurrent, takeSessionReissue } from './session-version';

describe('session versions', () => {
  it('a session is honoured until endAllSessions bumps the version', () => {
    const user = await seedUser('member');
    const claims = newSessionClaims(user.id)!;
    expect(sessionIsCurrent(claims)).toBe(true);
    expect(endAllSessions(user.id)).toBe(claims.sv + 1);
    expect(sessionIsCurrent(claims)).toBe(false);
    expect(sessionIsCurrent(newSessionClaims(user.id)!)).toBe(true);
  });

  it('ends at the absolute lifetime however often it was renewed, and refuses tokens without our claims', () => {
    const user = await seedUser('member');
    const signedInAt = Date.now() - SESSION_ABSOLUTE_LIFETIME_MS - 1_000;
    const claims = newSessionClaims(user.id, signedInAt)!;
    expect(sessionIsCurrent(claims)).toBe(false);
    expect(sessionIsCurrent({ ...claims, sat: Date.now() - SESSION_ABSOLUTE_LIFETIME_MS + 60_000 })).toBe(true);
    expect(sessionIsCurrent({ uid: user.id })).toBe(false);
  });

  it('a role change and a removal end the user’s sessions', () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const before = newSessionClaims(member.id)!;
    setUserRole(admin, member.id, 'admin');
    expect(sessionIsCurrent(before)).toBe(false);
    const after = newSessionClaims(member.id)!;
    removeUser(admin, member.id);
    expect(sessionIsCurrent(after)).toBe(false);
    expect(getSqlite().prepare('select count(*) n from users where id = ?').get(member.id)).toEqual({ n: 0 });
  });

  it('a reissue grant is single use and bound to its user', () => {
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
