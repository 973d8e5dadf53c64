import 'server-only';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/lib/db/client';
import { withKeysLocked } from '@/lib/db/key-locks';
import { signInAttempts } from '@/lib/db/schema';

/**
 * Sign-in attempts, counted in the database (every process and every instance, the same numbers)
 * and taken BEFORE the password is hashed, in one short transaction that holds the locks of the
 * keys it counts: parallel guesses, from any number of processes, take turns, so no more than the
 * limit is ever evaluated.
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

type Row = typeof signInAttempts.$inferSelect;
type Keys = { pair: string; email: string; address: string };

const normalize = (email: string) => email.trim().toLowerCase();
const keysFor = (email: string, ip: string): Keys => ({ pair: `pair:${normalize(email)}|${ip}`, email: `email:${normalize(email)}`, address: `ip:${ip}` });

async function readRows(db: Db, keys: Keys): Promise<Row[]> {
  return db.select().from(signInAttempts).where(inArray(signInAttempts.key, [keys.pair, keys.email, keys.address]));
}

async function save(tx: Tx, row: Row): Promise<void> {
  await tx
    .insert(signInAttempts)
    .values(row)
    .onConflictDoUpdate({ target: signInAttempts.key, set: { attempts: row.attempts, windowStart: row.windowStart, blockedUntil: row.blockedUntil, updatedAt: row.updatedAt } });
}

/** Rows nobody has touched for a day and that block nothing: what `currentState` ignores anyway. */
async function sweep(now: number): Promise<void> {
  await getDb()
    .delete(signInAttempts)
    .where(and(lt(signInAttempts.updatedAt, now - 24 * 60 * 60_000), lt(signInAttempts.blockedUntil, now)));
}

type State = { pair: Row | null; email: Row | null; address: Row | null };

function currentState(rows: Row[], keys: Keys, now: number): State {
  const find = (key: string) => rows.find((r) => r.key === key) ?? null;
  const pair = find(keys.pair);
  const inWindow = (row: Row | null) => (row && now - row.windowStart < SIGN_IN_LIMITS.windowMs ? row : null);
  return {
    pair: pair && now - Math.max(pair.updatedAt, pair.blockedUntil) < SIGN_IN_LIMITS.quietResetMs ? pair : null,
    email: inWindow(find(keys.email)),
    address: inWindow(find(keys.address)),
  };
}

/** Milliseconds to wait before another attempt is allowed, or 0. */
function waitMs(state: State, now: number): number {
  const waits = [0];
  if (state.pair && state.pair.blockedUntil > now) waits.push(state.pair.blockedUntil - now);
  if (state.email && state.email.attempts >= SIGN_IN_LIMITS.emailCeiling) waits.push(state.email.windowStart + SIGN_IN_LIMITS.windowMs - now);
  if (state.address && state.address.attempts >= SIGN_IN_LIMITS.addressCeiling) waits.push(state.address.windowStart + SIGN_IN_LIMITS.windowMs - now);
  return Math.max(...waits);
}

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export type SignInAttempt = { ok: true } | { ok: false; retryAfterSeconds: number };

let calls = 0;

/** Takes one attempt for (email, address), or says how long to wait. Call before checking the password. */
export async function takeSignInAttempt(email: string, ip: string, now = Date.now()): Promise<SignInAttempt> {
  const keys = keysFor(email, ip);
  const attempt = await withKeysLocked([keys.pair, keys.email, keys.address], async (tx): Promise<SignInAttempt> => {
    const state = currentState(await readRows(tx, keys), keys, now);
    const wait = waitMs(state, now);
    if (wait > 0) return { ok: false, retryAfterSeconds: toSeconds(wait) };
    const attempts = (state.pair?.attempts ?? 0) + 1;
    const over = attempts - SIGN_IN_LIMITS.pairAttempts;
    const blockedUntil = over >= 0 ? now + Math.min(SIGN_IN_LIMITS.backoffMaxMs, SIGN_IN_LIMITS.backoffBaseMs * 2 ** over) : 0;
    await save(tx, { key: keys.pair, attempts, windowStart: state.pair?.windowStart ?? now, blockedUntil, updatedAt: now });
    for (const [key, row] of [[keys.email, state.email], [keys.address, state.address]] as const) {
      await save(tx, { key, attempts: (row?.attempts ?? 0) + 1, windowStart: row?.windowStart ?? now, blockedUntil: 0, updatedAt: now });
    }
    return { ok: true };
  });
  if (++calls % 500 === 0) await sweep(now);
  return attempt;
}

/** The wait in seconds when (email, address) may not try now, else null. Reads only. */
export async function signInBlocked(email: string, ip: string, now = Date.now()): Promise<number | null> {
  const keys = keysFor(email, ip);
  const wait = waitMs(currentState(await readRows(getDb(), keys), keys, now), now);
  return wait > 0 ? toSeconds(wait) : null;
}

/** The right password: this pair starts afresh and the ceilings get the attempt back. */
export async function recordSuccessfulSignIn(email: string, ip: string): Promise<void> {
  const keys = keysFor(email, ip);
  await withKeysLocked([keys.pair, keys.email, keys.address], async (tx) => {
    await tx.delete(signInAttempts).where(eq(signInAttempts.key, keys.pair));
    await tx
      .update(signInAttempts)
      .set({ attempts: sql`case when ${signInAttempts.attempts} > 0 then ${signInAttempts.attempts} - 1 else 0 end` })
      .where(inArray(signInAttempts.key, [keys.email, keys.address]));
  });
}

export async function resetSignInThrottleForTests(): Promise<void> {
  await getDb().delete(signInAttempts);
}

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many attempts, try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
