import 'server-only';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { openTokens, sealTokens, type StoredTokens } from '@/lib/credentials/credential-secrets';
import { writeTransaction } from '@/lib/db/client';
import { credentials, type CredentialRow } from '@/lib/db/schema';
import { emitCredentialEvent, type CredentialRef } from '@/lib/health/credential-events';
import { successState } from '@/lib/health/failure-state';
import type { TokenSet } from './token-endpoint';

/**
 * Writes a token set for an owner, creating their row when needed (a member's first consent).
 * A new refresh token replaces the old one; when the provider sends none, the old one is kept.
 * Committed before the caller hands the access token to anyone.
 */
export async function storeTokens(input: {
  environmentId: string;
  ownerKey: string;
  userId: string | null;
  tokens: TokenSet;
  extra?: Pick<StoredTokens, 'subject_hash'>;
  actorLabel: string;
  settingsVersion: number;
  /** Names the credential in a `credential.recovered` webhook when it had been failing. */
  ref?: Omit<CredentialRef, 'userId'>;
}): Promise<CredentialRow> {
  return writeTransaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(credentials)
      .where(and(eq(credentials.environmentId, input.environmentId), eq(credentials.ownerKey, input.ownerKey)))
      .limit(1);
    const id = existing?.id ?? crypto.randomUUID();
    const previous = existing ? openTokens(existing) : undefined;
    const refreshToken = input.tokens.refreshToken ?? previous?.refresh_token;
    const sealed = sealTokens(id, {
      access_token: input.tokens.accessToken,
      token_type: input.tokens.tokenType,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...input.extra,
    });
    const values = {
      tokens: sealed,
      tokenExpiresAt: input.tokens.expiresAt,
      hasRefreshToken: Boolean(refreshToken),
      grantedScopes: input.tokens.scope ?? existing?.grantedScopes ?? null,
      status: 'connected' as const,
      statusMessage: null,
      updatedAt: Date.now(),
      ...successState(),
    };
    if (existing && existing.consecutiveFailures > 0 && input.ref) await emitCredentialEvent(tx, 'credential.recovered', { ...input.ref, userId: input.userId }, 'success');
    if (existing) {
      const [saved] = await tx.update(credentials).set(values).where(eq(credentials.id, id)).returning();
      return saved;
    }
    const [saved] = await tx
      .insert(credentials)
      .values({ id, environmentId: input.environmentId, ownerKey: input.ownerKey, userId: input.userId, publicValues: {}, secretValues: null, secretNames: [], settingsVersion: input.settingsVersion, updatedBy: input.actorLabel, ...values })
      .returning();
    return saved;
  });
}
