import 'server-only';
import { KIND_REGISTRY, type EnvName, type Kind } from '@/lib/connections/kinds';
import { getSqlite } from '@/lib/db/client';
import { obtainAccessToken } from '@/lib/oauth/obtain-access-token';
import { REFRESH_EXHAUSTED } from './failure-state';
import { releaseLease, takeLease } from './leases';

/**
 * The background sweep (one process at a time, by the `sweep` lease): renews OAuth tokens (team and
 * member) that expire within 10 minutes and were used in the last 30 days, so tools rarely wait on a
 * refresh. A failure is recorded like any other (failure state, cooldown, webhooks), which is how
 * broken credentials get marked before a tool finds out.
 */
export const SWEEP_RENEW_WITHIN_MS = 10 * 60_000;
export const SWEEP_USED_WITHIN_MS = 30 * 24 * 3_600_000;
/** Grants the server can renew on its own (the others need the caller's sign-in token). */
const RENEWABLE = new Set(['authorization_code', 'password', 'client_credentials']);

type Candidate = { id: string; owner_key: string; kind: string; env: EnvName; app_id: string };

function candidates(now: number): Candidate[] {
  return (
    getSqlite()
      .prepare(
        `select c.id, c.owner_key, e.kind, e.env, k.app_id from credentials c
         join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id
         where c.tokens is not null and c.token_expires_at is not null and c.token_expires_at < ?
           and c.last_used_at is not null and c.last_used_at > ?
           and (c.next_retry_at is null or c.next_retry_at <= ?) and coalesce(c.last_failure_code, '') <> ?`,
      )
      .all(now + SWEEP_RENEW_WITHIN_MS, now - SWEEP_USED_WITHIN_MS, now, REFRESH_EXHAUSTED) as Candidate[]
  ).filter((c) => RENEWABLE.has(KIND_REGISTRY[c.kind as Kind]?.grant ?? ''));
}

export type SweepResult = { ran: boolean; renewed: number; failed: number };

export async function sweepOnce(leaseMs = 5 * 60_000): Promise<SweepResult> {
  if (!takeLease('sweep', leaseMs)) return { ran: false, renewed: 0, failed: 0 };
  let renewed = 0;
  let failed = 0;
  try {
    for (const c of candidates(Date.now())) {
      try {
        await obtainAccessToken({ appId: c.app_id, env: c.env, ownerKey: c.owner_key, renewWithinMs: SWEEP_RENEW_WITHIN_MS });
        renewed++;
      } catch {
        failed++; // recorded on the credential by the refresh itself
      }
    }
  } finally {
    releaseLease('sweep');
  }
  return { ran: true, renewed, failed };
}
