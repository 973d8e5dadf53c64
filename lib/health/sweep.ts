import 'server-only';
import { KIND_REGISTRY, type EnvName, type Kind } from '@/lib/connections/kinds';
import { eq } from 'drizzle-orm';
import { getDb, getSqlite } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
import { findEnvironmentRow } from '@/lib/oauth/client-config';
import { obtainAccessToken } from '@/lib/oauth/obtain-access-token';
import { sendExpiryReminders } from './expiry-reminders';
import { REFRESH_EXHAUSTED } from './failure-state';
import { releaseLease, takeLease } from './leases';
import { runVerification, VERIFIABLE_KINDS, VERIFY_EVERY_MS } from './verify-credentials';

/**
 * The background sweep (one process at a time, by the `sweep` lease): renews OAuth tokens (team and
 * member) that expire within 10 minutes and were used in the last 30 days, so tools rarely wait on a
 * refresh. A failure is recorded like any other (failure state, cooldown, webhooks), which is how
 * broken credentials get marked before a tool finds out. Static credentials with a verification
 * request are checked once a day. Credentials whose `expires_on` is near get one `credential.expiring` each.
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

export type SweepResult = { ran: boolean; renewed: number; failed: number; verified: number; reminded: number };

type Static = { id: string; app_id: string; env: EnvName };

/** Static credentials with a verification request that was not run in the last day. */
function dueForVerification(now: number): Static[] {
  return getSqlite()
    .prepare(
      `select c.id, k.app_id, e.env from credentials c
       join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id
       where e.kind in (${VERIFIABLE_KINDS.map(() => '?').join(', ')}) and json_extract(e.auth_settings, '$.verification') is not null
         and c.status <> 'missing' and max(coalesce(c.last_success_at, 0), coalesce(c.last_failure_at, 0)) < ?`,
    )
    .all(...VERIFIABLE_KINDS, now - VERIFY_EVERY_MS) as Static[];
}

export async function sweepOnce(leaseMs = 5 * 60_000): Promise<SweepResult> {
  if (!takeLease('sweep', leaseMs)) return { ran: false, renewed: 0, failed: 0, verified: 0, reminded: 0 };
  let renewed = 0;
  let failed = 0;
  let verified = 0;
  let reminded = 0;
  try {
    reminded = sendExpiryReminders();
    for (const c of candidates(Date.now())) {
      try {
        await obtainAccessToken({ appId: c.app_id, env: c.env, ownerKey: c.owner_key, renewWithinMs: SWEEP_RENEW_WITHIN_MS });
        renewed++;
      } catch {
        failed++; // recorded on the credential by the refresh itself
      }
    }
    for (const c of dueForVerification(Date.now())) {
      try {
        const environment = findEnvironmentRow(c.app_id, c.env);
        const row = getDb().select().from(credentials).where(eq(credentials.id, c.id)).get();
        if (!row) continue;
        const result = await runVerification(c.app_id, c.env, environment, row, null);
        if (result.status === 'connected') verified++;
        else failed++;
      } catch {
        failed++;
      }
    }
  } finally {
    releaseLease('sweep');
  }
  return { ran: true, renewed, failed, verified, reminded };
}
