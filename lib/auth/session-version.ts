import 'server-only';
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { createReadCache } from '@/lib/db/read-cache';
import { users } from '@/lib/db/schema';

/**
 * Sessions are signed cookies (JWT), made revocable by a per-user `session_version`: a session
 * carries the version it was issued with and the time of the sign-in, and is honoured only while
 * the user's row still has that version and the sign-in is younger than the absolute lifetime.
 * Bumping the version (`endAllSessions`) ends every session of that user on its next request.
 */

/** However often a session is renewed, it ends this long after the password was typed. */
export const SESSION_ABSOLUTE_LIFETIME_MS = 7 * 24 * 60 * 60_000;

/** What the session token carries besides Auth.js's own claims. */
export type SessionClaims = Record<string, unknown> & { uid?: unknown; sv?: unknown; sat?: unknown };

// Runs on every request that reads the session: kept until the database changes in any way.
const versions = createReadCache<number | null>();

/** The user's current session version, or null when the user no longer exists. */
export async function currentSessionVersion(userId: string): Promise<number | null> {
  return versions(userId, async () => {
    const [row] = await getDb().select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
    return row?.version ?? null;
  });
}

/** Claims for a session issued now to `userId`. */
export async function newSessionClaims(userId: string, now = Date.now()): Promise<{ uid: string; sv: number; sat: number } | null> {
  const sv = await currentSessionVersion(userId);
  return sv === null ? null : { uid: userId, sv, sat: now };
}

/** Whether a session token may still be honoured: user exists, same version, within the absolute lifetime. */
export async function sessionIsCurrent(claims: SessionClaims, now = Date.now()): Promise<boolean> {
  const { uid, sv, sat } = claims;
  if (typeof uid !== 'string' || typeof sv !== 'number' || typeof sat !== 'number') return false;
  if (now - sat > SESSION_ABSOLUTE_LIFETIME_MS || sat > now + 60_000) return false;
  return (await currentSessionVersion(uid)) === sv;
}

/**
 * Ends every session of the user on its next request (sign-out, password change, role change,
 * removal). Inside a `writeTransaction` it is part of it. One statement, so concurrent bumps
 * never lose one. Returns the new version (null when there is no such user).
 */
export async function endAllSessions(userId: string): Promise<number | null> {
  const [row] = await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: Date.now() })
    .where(eq(users.id, userId))
    .returning({ version: users.sessionVersion });
  return row?.version ?? null;
}

/**
 * A one-time, in-process grant to move the current session to a new version (after a password
 * change, only the OTHER sessions end). The grant id travels from the server action to the jwt
 * callback through Auth.js's `update`; a client cannot forge one, unlike the update body itself.
 */
type Reissue = { userId: string; version: number; expiresAt: number };
const store = globalThis as unknown as { __cmSessionReissues?: Map<string, Reissue> };
const reissues = (store.__cmSessionReissues ??= new Map());

export function grantSessionReissue(userId: string, version: number): string {
  const now = Date.now();
  for (const [id, grant] of reissues) if (grant.expiresAt < now) reissues.delete(id);
  const id = crypto.randomBytes(32).toString('base64url');
  reissues.set(id, { userId, version, expiresAt: now + 30_000 });
  return id;
}

/** The version granted to `userId` under `grantId` (consumed), else null. */
export function takeSessionReissue(grantId: unknown, userId: unknown): number | null {
  if (typeof grantId !== 'string') return null;
  const grant = reissues.get(grantId);
  if (!grant) return null;
  reissues.delete(grantId);
  if (grant.userId !== userId || grant.expiresAt < Date.now()) return null;
  return grant.version;
}
