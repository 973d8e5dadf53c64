import 'server-only';
import crypto from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { leases } from '@/lib/db/schema';

/**
 * Named leases in the database: one holder at a time across every process on the database.
 * Taken with one atomic statement (`insert … on conflict do update … where`: a free, expired or own
 * row is taken over; anybody else's live lease is left alone) and released by its holder. A holder
 * that dies simply lets the lease run out. No transaction is held while the holder works.
 */

/** This process's identity as a lease owner. */
const state = globalThis as unknown as { __leaseOwner?: string };
export const processLeaseOwner = (): string => (state.__leaseOwner ??= `${process.pid}:${crypto.randomUUID()}`);

/** True when this owner now holds the lease until `ttlMs` from now. */
export async function takeLease(name: string, ttlMs: number, owner = processLeaseOwner()): Promise<boolean> {
  const now = Date.now();
  const taken = await getDb()
    .insert(leases)
    .values({ name, owner, expiresAt: now + ttlMs })
    .onConflictDoUpdate({ target: leases.name, set: { owner, expiresAt: now + ttlMs }, setWhere: or(lt(leases.expiresAt, now), eq(leases.owner, owner)) })
    .returning({ name: leases.name });
  return taken.length === 1;
}

export async function releaseLease(name: string, owner = processLeaseOwner()): Promise<void> {
  await getDb()
    .delete(leases)
    .where(and(eq(leases.name, name), eq(leases.owner, owner)));
}

/** When the current holder's lease runs out (0 when free). */
export async function leaseExpiresAt(name: string): Promise<number> {
  const [row] = await getDb().select({ expiresAt: leases.expiresAt }).from(leases).where(eq(leases.name, name)).limit(1);
  return row?.expiresAt ?? 0;
}
