import 'server-only';
import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, ne, or } from 'drizzle-orm';
import { KIND_REGISTRY, type EnvName } from '@/lib/connections/kinds';
import { getDb } from '@/lib/db/client';
import { connections, credentials, environments } from '@/lib/db/schema';
import { findEnvironmentRow } from '@/lib/oauth/client-config';
import { obtainAccessToken } from '@/lib/oauth/obtain-access-token';
import { sendExpiryReminders } from './expiry-reminders';
import { REFRESH_EXHAUSTED } from './failure-state';
import { releaseLease, takeLease } from './leases';
import { runVerification, verificationOf, VERIFIABLE_KINDS, VERIFY_EVERY_MS } from './verify-credentials';

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

type Candidate = { id: string; ownerKey: string; kind: string; env: EnvName; appId: string };

async function candidates(now: number): Promise<Candidate[]> {
  const rows = await getDb()
    .select({ id: credentials.id, ownerKey: credentials.ownerKey, kind: environments.kind, env: environments.env, appId: connections.appId })
    .from(credentials)
    .innerJoin(environments, eq(environments.id, credentials.environmentId))
    .innerJoin(connections, eq(connections.id, environments.connectionId))
    .where(
      and(
        isNotNull(credentials.tokens),
        lt(credentials.tokenExpiresAt, now + SWEEP_RENEW_WITHIN_MS),
        gt(credentials.lastUsedAt, now - SWEEP_USED_WITHIN_MS),
        or(isNull(credentials.nextRetryAt), lte(credentials.nextRetryAt, now)),
        or(isNull(credentials.lastFailureCode), ne(credentials.lastFailureCode, REFRESH_EXHAUSTED)),
      ),
    );
  return rows.filter((c) => RENEWABLE.has(KIND_REGISTRY[c.kind]?.grant ?? ''));
}

export type SweepResult = { ran: boolean; renewed: number; failed: number; verified: number; reminded: number };

type Static = { id: string; appId: string; env: EnvName };

/** Static credentials with a verification request that was not run in the last day. */
async function dueForVerification(now: number): Promise<Static[]> {
  const checkedBefore = now - VERIFY_EVERY_MS;
  const rows = await getDb()
    .select({ id: credentials.id, appId: connections.appId, env: environments.env, authSettings: environments.authSettings })
    .from(credentials)
    .innerJoin(environments, eq(environments.id, credentials.environmentId))
    .innerJoin(connections, eq(connections.id, environments.connectionId))
    .where(
      and(
        inArray(environments.kind, [...VERIFIABLE_KINDS]),
        isNotNull(environments.authSettings),
        ne(credentials.status, 'missing'),
        or(isNull(credentials.lastSuccessAt), lt(credentials.lastSuccessAt, checkedBefore)),
        or(isNull(credentials.lastFailureAt), lt(credentials.lastFailureAt, checkedBefore)),
      ),
    );
  // Whether the settings hold a verification request is read from the JSON here, alike on both databases.
  return rows.filter((r) => verificationOf(r)).map(({ id, appId, env }) => ({ id, appId, env }));
}

export async function sweepOnce(leaseMs = 5 * 60_000): Promise<SweepResult> {
  if (!(await takeLease('sweep', leaseMs))) return { ran: false, renewed: 0, failed: 0, verified: 0, reminded: 0 };
  let renewed = 0;
  let failed = 0;
  let verified = 0;
  let reminded = 0;
  try {
    reminded = await sendExpiryReminders();
    for (const c of await candidates(Date.now())) {
      try {
        await obtainAccessToken({ appId: c.appId, env: c.env, ownerKey: c.ownerKey, renewWithinMs: SWEEP_RENEW_WITHIN_MS });
        renewed++;
      } catch {
        failed++; // recorded on the credential by the refresh itself
      }
    }
    for (const c of await dueForVerification(Date.now())) {
      try {
        const environment = await findEnvironmentRow(c.appId, c.env);
        const [row] = await getDb().select().from(credentials).where(eq(credentials.id, c.id)).limit(1);
        if (!row) continue;
        const result = await runVerification(c.appId, c.env, environment, row, null);
        if (result.status === 'connected') verified++;
        else failed++;
      } catch {
        failed++;
      }
    }
  } finally {
    await releaseLease('sweep');
  }
  return { ran: true, renewed, failed, verified, reminded };
}
