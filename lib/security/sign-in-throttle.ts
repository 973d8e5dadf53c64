import 'server-only';
import type Database from 'better-sqlite3';
import { getSqlite } from '@/lib/db/client';

/**
 * Sign-in attempts, counted in the database (every process, the same numbers) and taken BEFORE the
 * password is hashed, in one IMMEDIATE transaction: parallel guesses queue on SQLite's write lock,
 * so no more than the limit is ever evaluated.
 *
 * - per (email, address): `pairAttempts` attempts, then exponential backoff (1 min, 2, 4, … 1 h);
 *   a success clears it, 15 quiet minutes after the last block start afresh. Someone guessing from
 *   one address does not lock the real user out from theirs.
 * - per email across addresses and per address across emails: high ceilings per 15 minutes, against
 *   guesses spread over many addresses and password spraying. A success gives its attempt back.
 */
export const SIGN_IN_LIMITS = {
  pairAttempts: 5,
  backoffBaseMs: 60_000,
  backoffMaxMs: 60 * 60_000,
  quietResetMs: 15 * 60_000,
  emailCeiling: 100,
  addressCeiling: 500,
  windowMs: 15 * 60_000,
};

type Row = { key: string; attempts: number; window_start: number; blocked_until: number; updated_at: number };
type Keys = { pair: string; email: string; address: string };

const normalize = (email: string) => email.trim().toLowerCase();
const keysFor = (email: string, ip: string): Keys => ({ pair: `pair:${normalize(email)}|${ip}`, email: `email:${normalize(email)}`, address: `ip:${ip}` });

function prepare(sqlite: Database.Database) {
  return {
    read: sqlite.prepare('select * from sign_in_attempts where key in (?, ?, ?)'),
    upsert: sqlite.prepare(
      `insert into sign_in_attempts (key, attempts, window_start, blocked_until, updated_at) values (@key, @attempts, @window_start, @blocked_until, @updated_at)
       on conflict (key) do update set attempts = excluded.attempts, window_start = excluded.window_start, blocked_until = excluded.blocked_until, updated_at = excluded.updated_at`,
    ),
    remove: sqlite.prepare('delete from sign_in_attempts where key = ?'),
    giveBack: sqlite.prepare('update sign_in_attempts set attempts = max(attempts - 1, 0) where key in (?, ?)'),
    sweep: sqlite.prepare('delete from sign_in_attempts where updated_at < ? and blocked_until < ?'),
  };
}
const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
function prepared() {
  const sqlite = getSqlite();
  let s = statements.get(sqlite);
  if (!s) statements.set(sqlite, (s = prepare(sqlite)));
  return { sqlite, s };
}

type State = { pair: Row | null; email: Row | null; address: Row | null };

function currentState(rows: Row[], keys: Keys, now: number): State {
  const find = (key: string) => rows.find((r) => r.key === key) ?? null;
  const pair = find(keys.pair);
  const inWindow = (row: Row | null) => (row && now - row.window_start < SIGN_IN_LIMITS.windowMs ? row : null);
  return {
    pair: pair && now - Math.max(pair.updated_at, pair.blocked_until) < SIGN_IN_LIMITS.quietResetMs ? pair : null,
    email: inWindow(find(keys.email)),
    address: inWindow(find(keys.address)),
  };
}

/** Milliseconds to wait before another attempt is allowed, or 0. */
function waitMs(state: State, now: number): number {
  const waits = [0];
  if (state.pair && state.pair.blocked_until > now) waits.push(state.pair.blocked_until - now);
  if (state.email && state.email.attempts >= SIGN_IN_LIMITS.emailCeiling) waits.push(state.email.window_start + SIGN_IN_LIMITS.windowMs - now);
  if (state.address && state.address.attempts >= SIGN_IN_LIMITS.addressCeiling) waits.push(state.address.window_start + SIGN_IN_LIMITS.windowMs - now);
  return Math.max(...waits);
}

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export type SignInAttempt = { ok: true } | { ok: false; retryAfterSeconds: number };

let calls = 0;

/** Takes one attempt for (email, address), or says how long to wait. Call before checking the password. */
export function takeSignInAttempt(email: string, ip: string, now = Date.now()): SignInAttempt {
  const { sqlite, s } = prepared();
  const keys = keysFor(email, ip);
  return sqlite
    .transaction((): SignInAttempt => {
      if (++calls % 500 === 0) s.sweep.run(now - 24 * 60 * 60_000, now);
      const state = currentState(s.read.all(keys.pair, keys.email, keys.address) as Row[], keys, now);
      const wait = waitMs(state, now);
      if (wait > 0) return { ok: false, retryAfterSeconds: toSeconds(wait) };
      const attempts = (state.pair?.attempts ?? 0) + 1;
      const over = attempts - SIGN_IN_LIMITS.pairAttempts;
      const blockedUntil = over >= 0 ? now + Math.min(SIGN_IN_LIMITS.backoffMaxMs, SIGN_IN_LIMITS.backoffBaseMs * 2 ** over) : 0;
      s.upsert.run({ key: keys.pair, attempts, window_start: state.pair?.window_start ?? now, blocked_until: blockedUntil, updated_at: now });
      for (const [key, row] of [[keys.email, state.email], [keys.address, state.address]] as const) {
        s.upsert.run({ key, attempts: (row?.attempts ?? 0) + 1, window_start: row?.window_start ?? now, blocked_until: 0, updated_at: now });
      }
      return { ok: true };
    })
    .immediate();
}

/** The wait in seconds when (email, address) may not try now, else null. Reads only. */
export function signInBlocked(email: string, ip: string, now = Date.now()): number | null {
  const { s } = prepared();
  const keys = keysFor(email, ip);
  const wait = waitMs(currentState(s.read.all(keys.pair, keys.email, keys.address) as Row[], keys, now), now);
  return wait > 0 ? toSeconds(wait) : null;
}

/** The right password: this pair starts afresh and the ceilings get the attempt back. */
export function recordSuccessfulSignIn(email: string, ip: string): void {
  const { sqlite, s } = prepared();
  const keys = keysFor(email, ip);
  sqlite.transaction(() => {
    s.remove.run(keys.pair);
    s.giveBack.run(keys.email, keys.address);
  })();
}

export function resetSignInThrottleForTests(): void {
  getSqlite().prepare('delete from sign_in_attempts').run();
}

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many attempts, try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
