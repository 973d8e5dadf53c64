import 'server-only';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { openTokens, sealTokens, type StoredTokens } from '@/lib/credentials/credential-secrets';
import { writeTransaction } from '@/lib/db/client';
import { credentials, type CredentialRow } from '@/lib/db/schema';
import type { TokenSet } from './token-endpoint';

/**
 * Writes a token set for an owner, creating their row when needed (a member's first consent).
 * A new refresh token replaces the old one; when the provider sends none, the old one is kept.
 * Committed before the caller hands the access token to anyone.
 */
export function storeTokens(input: {
  environmentId: string;
  ownerKey: string;
  userId: string | null;
  tokens: TokenSet;
  extra?: Pick<StoredTokens, 'subject_hash'>;
  actorLabel: string;
  settingsVersion: number;
}): CredentialRow {
  return writeTransaction((tx) => {
    const existing = tx
      .select()
      .from(credentials)
      .where(and(eq(credentials.environmentId, input.environmentId), eq(credentials.ownerKey, input.ownerKey)))
      .get();
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
    };
    if (existing) {
      tx.update(credentials).set(values).where(eq(credentials.id, id)).run();
    } else {
      tx.insert(credentials)
        .values({ id, environmentId: input.environmentId, ownerKey: input.ownerKey, userId: input.userId, publicValues: {}, secretValues: null, secretNames: [], settingsVersion: input.settingsVersion, updatedBy: input.actorLabel, ...values })
        .run();
    }
    return tx.select().from(credentials).where(eq(credentials.id, id)).get()!;
  });
}

/** Marks a failed refresh: the stored tokens stay, the owner is told to reconnect. */
export function markTokenFailure(row: CredentialRow, status: 'expired' | 'error', message: string, audit: { actor: Actor | null; appId: string; env: string }) {
  writeTransaction((tx) => {
    tx.update(credentials).set({ status, statusMessage: message.slice(0, 500) }).where(eq(credentials.id, row.id)).run();
    recordAuditEvent(
      { actor: audit.actor, systemLabel: 'system', action: 'oauth.refresh_failed', targetType: 'oauth', target: audit.appId, env: audit.env, outcome: 'failure', detail: { owner: row.ownerKey === 'team' ? 'team' : 'member', status, reason: message.slice(0, 200) } },
      tx,
    );
  });
}
