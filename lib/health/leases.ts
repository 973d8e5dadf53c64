import 'server-only';
import crypto from 'node:crypto';
import { getSqlite } from '@/lib/db/client';

/**
 * Named leases in the database: one holder at a time across every process on the database.
 * Taken with one compare-and-set statement (a free, expired or own row is taken over; anybody
 * else's live lease is left alone) and released by its holder. A holder that dies simply lets the
 * lease run out. No transaction is held while the holder works.
 */

/** This process's identity as a lease owner. */
const state = globalThis as unknown as { __leaseOwner?: string };
export const processLeaseOwner = (): string => (state.__leaseOwner ??= `${process.pid}:${crypto.randomUUID()}`);

const TAKE = `insert into leases (name, owner, expires_at) values (?, ?, ?)
  on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
  where leases.expires_at < ? or leases.owner = excluded.owner`;

/** True when this owner now holds the lease until `ttlMs` from now. */
export function takeLease(name: string, ttlMs: number, owner = processLeaseOwner()): boolean {
  const now = Date.now();
  return getSqlite().prepare(TAKE).run(name, owner, now + ttlMs, now).changes === 1;
}

export function releaseLease(name: string, owner = processLeaseOwner()): void {
  getSqlite().prepare('delete from leases where name = ? and owner = ?').run(name, owner);
}

/** When the current holder's lease runs out (0 when free). */
export function leaseExpiresAt(name: string): number {
  const row = getSqlite().prepare('select expires_at from leases where name = ?').get(name) as { expires_at: number } | undefined;
  return row?.expires_at ?? 0;
}
