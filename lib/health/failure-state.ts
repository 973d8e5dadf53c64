import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { writeTransaction } from '@/lib/db/client';
import { credentials, type CredentialRow } from '@/lib/db/schema';
import { emitCredentialEvent, type CredentialRef } from './credential-events';

/**
 * Health of one credential's token requests: after a failure, callers within a cooldown (30 s,
 * doubling up to 1 h) get the still-valid token or an error at once, without calling the provider;
 * after 4 days of failures the refresh is exhausted (`expired`) until a reconnect or a forced refresh.
 */
export const FIRST_COOLDOWN_MS = 30_000;
export const MAX_COOLDOWN_MS = 3_600_000;
export const EXHAUSTED_AFTER_MS = 4 * 24 * 3_600_000;
export const REFRESH_EXHAUSTED = 'refresh_exhausted';
/** The fixed margin, used as is for long-lived tokens. */
export const MAX_REFRESH_MARGIN_MS = 60_000;

export const cooldownMs = (consecutiveFailures: number) => Math.min(FIRST_COOLDOWN_MS * 2 ** Math.max(0, consecutiveFailures - 1), MAX_COOLDOWN_MS);

type TokenTimes = Pick<CredentialRow, 'tokenExpiresAt' | 'tokenIssuedAt'>;

/** Refresh when less than min(60 s, a third of the token's lifetime) is left. */
export function refreshMarginMs(row: TokenTimes): number {
  if (row.tokenExpiresAt === null || row.tokenIssuedAt === null) return MAX_REFRESH_MARGIN_MS;
  return Math.max(0, Math.min(MAX_REFRESH_MARGIN_MS, (row.tokenExpiresAt - row.tokenIssuedAt) / 3));
}

type Health = Pick<CredentialRow, 'nextRetryAt' | 'lastFailureCode'>;

export const isExhausted = (row: Pick<CredentialRow, 'lastFailureCode'>) => row.lastFailureCode === REFRESH_EXHAUSTED;

/** Until when no token request may be sent for this credential (0: now). */
export function blockedUntil(row: Health, now = Date.now()): number {
  if (isExhausted(row)) return Number.POSITIVE_INFINITY;
  return row.nextRetryAt !== null && row.nextRetryAt > now ? row.nextRetryAt : 0;
}

export type RefreshFailure = { code: string; message: string; expired: boolean };

/**
 * Records a failed token request: counts, cooldown, status and message, an audit event, and the
 * webhooks (`credential.refresh_failed` when a run of failures starts and when it is exhausted,
 * `member.must_reconnect` when a member's consent is gone). The stored tokens stay.
 */
export async function recordRefreshFailure(rowId: string, failure: RefreshFailure, ref: CredentialRef): Promise<CredentialRow> {
  return writeTransaction(async (tx) => {
    const [row] = await tx.select().from(credentials).where(eq(credentials.id, rowId)).limit(1);
    const now = Date.now();
    const consecutive = row.consecutiveFailures + 1;
    const failingSince = row.failingSince ?? now;
    const exhausted = now - failingSince >= EXHAUSTED_AFTER_MS;
    const status = exhausted || failure.expired ? ('expired' as const) : ('error' as const);
    const message = exhausted ? `Refresh exhausted: token requests have failed for 4 days (${failure.message}) Reconnect, or force a refresh.` : failure.message;
    const [updated] = await tx
      .update(credentials)
      .set({
        status,
        statusMessage: message.slice(0, 500),
        lastFailureAt: now,
        lastFailureCode: exhausted ? REFRESH_EXHAUSTED : failure.code.slice(0, 100),
        lastFailureMessage: failure.message.slice(0, 500),
        consecutiveFailures: consecutive,
        failingSince,
        nextRetryAt: now + cooldownMs(consecutive),
      })
      .where(eq(credentials.id, rowId))
      .returning();
    await recordAuditEvent(
      { actor: null, systemLabel: 'system', action: 'oauth.refresh_failed', targetType: 'oauth', target: ref.appId, env: ref.env, outcome: 'failure', detail: { owner: row.ownerKey === 'team' ? 'team' : 'member', status, code: failure.code, reason: message.slice(0, 200) } },
      tx,
    );
    const code = exhausted ? REFRESH_EXHAUSTED : failure.code;
    if (consecutive === 1 || (exhausted && !isExhausted(row))) await emitCredentialEvent(tx, 'credential.refresh_failed', ref, 'failure', { code, message });
    if (row.ownerKey !== 'team' && status === 'expired' && row.status !== 'expired') await emitCredentialEvent(tx, 'member.must_reconnect', ref, 'failure', { code });
    return updated;
  });
}

/** The columns a successful token request resets. */
export function successState(now = Date.now()) {
  return { tokenIssuedAt: now, lastSuccessAt: now, consecutiveFailures: 0, failingSince: null, nextRetryAt: null };
}

/** When an owner sets new values: the cooldown and an exhausted refresh are lifted. */
export function clearedFailureState(existing: Pick<CredentialRow, 'lastFailureCode'> | undefined) {
  return { consecutiveFailures: 0, failingSince: null, nextRetryAt: null, lastFailureCode: existing && isExhausted(existing) ? null : (existing?.lastFailureCode ?? null) };
}
