import 'server-only';
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { getSqlite } from '@/lib/db/client';
import { createReadCache } from '@/lib/db/read-cache';

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

function prepare(sqlite: Database.Database) {
  return {
    read: sqlite.prepare('select session_version from users where id = ?').pluck(),
    bump: sqlite.prepare('update users set session_version = session_version + 1, updated_at = ? where id = ? returning session_version').pluck(),
  };
}
const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepared() {
  const sqlite = getSqlite();
  let s = statements.get(sqlite);
  if (!s) statements.set(sqlite, (s = prepare(sqlite)));
  return s;
}

// Runs on every request that reads the session: kept until the database changes in any way.
const versions = createReadCache<number | null>();

/** The user's current session version, or null when the user no longer exists. */
export function currentSessionVersion(userId: string): number | null {
  return versions(userId, () => (prepared().read.get(userId) as number | undefined) ?? null);
}

/** Claims for a session issued now to `userId`. */
export function newSessionClaims(userId: string, now = Date.now()): { uid: string; sv: number; sat: number } | null {
  const sv = currentSessionVersion(userId);
  return sv === null ? null : { uid: userId, sv, sat: now };
}

/** Whether a session token may still be honoured: user exists, same version, within the absolute lifetime. */
export function sessionIsCurrent(claims: SessionClaims, now = Date.now()): boolean {
  const { uid, sv, sat } = claims;
  if (typeof uid !== 'string' || typeof sv !== 'number' || typeof sat !== 'number') return false;
  if (now - sat > SESSION_ABSOLUTE_LIFETIME_MS || sat > now + 60_000) return false;
  return currentSessionVersion(uid) === sv;
}

/**
 * Ends every session of the user on its next request (sign-out, password change, role change,
 * removal). Runs on the shared connection, so inside a `writeTransaction` it is part of it.
 * Returns the new version (null when there is no such user).
 */
export function endAllSessions(userId: string): number | null {
  return (prepared().bump.get(Date.now(), userId) as number | undefined) ?? null;
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
