import 'server-only';
import type { CredentialRow } from '@/lib/db/schema';
import { isExhausted } from './failure-state';

export type CredentialHealth = {
  lastUsedAt: number | null;
  tokenExpiresAt: number | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastFailureMessage: string | null;
  consecutiveFailures: number;
  nextRetryAt: number | null;
  exhausted: boolean;
  /** Optional expiry date of the credential (YYYY-MM-DD), for the 14-day warning. */
  expiresOn: string | null;
};

/** What the connection page shows about one owner's credential: use, expiry and failures. No secret. */
export function credentialHealth(row: CredentialRow): CredentialHealth {
  return {
    lastUsedAt: row.lastUsedAt,
    tokenExpiresAt: row.tokenExpiresAt,
    lastSuccessAt: row.lastSuccessAt,
    lastFailureAt: row.lastFailureAt,
    lastFailureMessage: row.lastFailureMessage,
    consecutiveFailures: row.consecutiveFailures,
    nextRetryAt: row.nextRetryAt,
    exhausted: isExhausted(row),
    expiresOn: row.expiresOn,
  };
}
