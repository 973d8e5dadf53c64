import 'server-only';
import { getSqlite } from '@/lib/db/client';

/**
 * "Last used" of credentials, from runtime reads: noted in memory on each read and written at most
 * once a second in one statement per credential, so the hot path never waits on a disk write.
 */
const FLUSH_DELAY_MS = 1_000;
const state = globalThis as unknown as { __credentialUse?: { pending: Map<string, number>; timer: NodeJS.Timeout | null } };
const use = (state.__credentialUse ??= { pending: new Map(), timer: null });

export function flushCredentialUse(): void {
  if (use.timer) clearTimeout(use.timer);
  use.timer = null;
  if (!use.pending.size) return;
  const batch = [...use.pending];
  use.pending.clear();
  try {
    const sqlite = getSqlite();
    const update = sqlite.prepare('update credentials set last_used_at = max(coalesce(last_used_at, 0), ?) where id = ?');
    sqlite.transaction(() => {
      for (const [id, at] of batch) update.run(at, id);
    })();
  } catch (e) {
    console.error('[usage] could not write last-used times:', e instanceof Error ? e.message : 'unknown error');
  }
}

export function noteCredentialUse(credentialId: string): void {
  use.pending.set(credentialId, Date.now());
  if (!use.timer) {
    use.timer = setTimeout(flushCredentialUse, FLUSH_DELAY_MS);
    use.timer.unref();
  }
}

/** When a tool last read any credentials of this environment at run time (null: never). */
export function environmentLastUsedAt(environmentId: string): number | null {
  const row = getSqlite().prepare('select max(last_used_at) as at from credentials where environment_id = ?').get(environmentId) as { at: number | null } | undefined;
  return row?.at ?? null;
}
