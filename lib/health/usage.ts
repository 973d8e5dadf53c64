import 'server-only';
import { and, eq, isNull, lt, max, or } from 'drizzle-orm';
import { getDb, outsideTransaction, writeTransaction } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
import { databaseErrorMessage } from '@/lib/db/errors';

/**
 * "Last used" of credentials, from runtime reads: noted in memory on each read and written at most
 * once a second in one transaction (a statement per credential), so the hot path never waits on a
 * write. A time is only ever moved forward, whichever instance writes it.
 */
const FLUSH_DELAY_MS = 1_000;
const state = globalThis as unknown as { __credentialUse?: { pending: Map<string, number>; timer: NodeJS.Timeout | null } };
const use = (state.__credentialUse ??= { pending: new Map(), timer: null });

export async function flushCredentialUse(): Promise<void> {
  if (use.timer) clearTimeout(use.timer);
  use.timer = null;
  if (!use.pending.size) return;
  // In id order, so instances flushing the same rows lock them in the same order and never deadlock.
  const batch = [...use.pending].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  use.pending.clear();
  try {
    // Each statement only moves a time forward and reads nothing else, so READ COMMITTED is enough
    // on PostgreSQL; SERIALIZABLE made busy instances retry these batches against each other.
    await writeTransaction(
      async (tx) => {
        for (const [id, at] of batch) {
          await tx
            .update(credentials)
            .set({ lastUsedAt: at })
            .where(and(eq(credentials.id, id), or(isNull(credentials.lastUsedAt), lt(credentials.lastUsedAt, at))));
        }
      },
      { isolation: 'read committed' },
    );
  } catch (e) {
    console.error('[usage] could not write last-used times:', databaseErrorMessage(e));
  }
}

export function noteCredentialUse(credentialId: string): void {
  use.pending.set(credentialId, Date.now());
  if (!use.timer) {
    // Never inside a caller's transaction: the flush is a transaction of its own.
    use.timer = outsideTransaction(() => setTimeout(() => void flushCredentialUse(), FLUSH_DELAY_MS));
    use.timer.unref();
  }
}

/** When a tool last read any credentials of this environment at run time (null: never). */
export async function environmentLastUsedAt(environmentId: string): Promise<number | null> {
  const [row] = await getDb().select({ at: max(credentials.lastUsedAt) }).from(credentials).where(eq(credentials.environmentId, environmentId));
  return row?.at ?? null;
}
