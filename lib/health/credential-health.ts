import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
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
export async function credentialHealth(environmentId: string, ownerKey: string): Promise<CredentialHealth | undefined> {
  const [row] = await getDb()
    .select({
      lastUsedAt: credentials.lastUsedAt,
      tokenExpiresAt: credentials.tokenExpiresAt,
      lastSuccessAt: credentials.lastSuccessAt,
      lastFailureAt: credentials.lastFailureAt,
      lastFailureMessage: credentials.lastFailureMessage,
      lastFailureCode: credentials.lastFailureCode,
      consecutiveFailures: credentials.consecutiveFailures,
      nextRetryAt: credentials.nextRetryAt,
      expiresOn: credentials.expiresOn,
    })
    .from(credentials)
    .where(and(eq(credentials.environmentId, environmentId), eq(credentials.ownerKey, ownerKey)))
    .limit(1);
  if (!row) return undefined;
  const { lastFailureCode, ...rest } = row;
  return { ...rest, exhausted: isExhausted({ lastFailureCode }) };
}
