import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { UserActor } from '@/lib/auth/actor';
import { KIND_REGISTRY, type EnvName } from '@/lib/connections/kinds';
import { getEnvironment } from '@/lib/connections/get-connection';
import { openTokens } from '@/lib/credentials/credential-secrets';
import { getDb, writeTransaction } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
import { badInput, notFound } from '@/lib/errors';
import { loadClientConfig } from '@/lib/oauth/client-config';
import { revokeAtProvider, type RevocationOutcome } from './revoke-at-provider';

/**
 * A member disconnects their own member connection: the provider is asked to revoke the grant
 * (RFC 7009) when it can, then the member's stored credentials and tokens are deleted.
 */
export async function disconnectConnection(actor: UserActor, appId: string, env: EnvName): Promise<{ revocation: RevocationOutcome | 'no_token' }> {
  const { environment } = await getEnvironment(appId, env);
  if (environment.type !== 'member') throw badInput('This connection is shared by the team and managed by admins.');
  const [own] = await getDb().select().from(credentials).where(and(eq(credentials.environmentId, environment.id), eq(credentials.ownerKey, actor.id))).limit(1);
  if (!own) throw notFound(`Your connection to ${appId} (${env})`);
  const tokens = own.tokens ? openTokens(own) : undefined;
  let revocation: RevocationOutcome | 'no_token' = 'no_token';
  if (tokens && KIND_REGISTRY[environment.kind].grant) {
    let cfg;
    try {
      cfg = await loadClientConfig(appId, env, actor.id);
    } catch {
      cfg = null; // no client registration any more: nothing to revoke with
    }
    revocation = cfg ? await revokeAtProvider(cfg, tokens) : 'failed';
  }
  await writeTransaction(async (tx) => {
    await tx.delete(credentials).where(and(eq(credentials.id, own.id), eq(credentials.ownerKey, actor.id)));
    await recordAuditEvent({ actor, action: 'connection.disconnect', targetType: 'credentials', target: appId, env, detail: { revokedAtProvider: revocation === 'revoked' } }, tx);
  });
  return { revocation };
}
