import 'server-only';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { getEnvironment } from '@/lib/connections/get-connection';
import { writeTransaction } from '@/lib/db/client';
import { connectLinks, users } from '@/lib/db/schema';
import { env as appEnv } from '@/lib/env';
import { AppError, badInput } from '@/lib/errors';
import { generateLinkToken } from '@/lib/security/link-token';
import { DEFAULT_CONNECT_LINK_TTL_SECONDS, type CreateConnectLinkInput } from './connect-link-schemas';
import { assertReturnToAllowed } from './return-to-allowlist';

export const CONNECT_LINK_PREFIX = 'cml_';

export type CreatedConnectLink = { id: string; url: string; user: string; app_id: string; env: string; expires_at: string; requested_by: string | null; reason: string | null; return_to: string | null };

export function connectLinkUrl(token: string): string {
  return new URL(`/connect-links/${token}`, appEnv().appUrl).href;
}

/**
 * An admin asks one member to connect one member environment. The clear link is returned once;
 * only its hash is stored. It works once, until it expires (default 24 hours).
 */
export async function createConnectLink(actor: Actor, input: CreateConnectLinkInput, now = Date.now()): Promise<CreatedConnectLink> {
  assertAdmin(actor, 'Only admins can create connect links.');
  const { token, hash } = generateLinkToken(CONNECT_LINK_PREFIX);
  const id = crypto.randomUUID();
  return writeTransaction(async (tx) => {
    const { environment } = await getEnvironment(input.appId, input.env, tx);
    if (environment.type !== 'member') {
      throw badInput(`The ${input.env} environment of "${input.appId}" is set once for the team: there is nothing for a member to connect.`);
    }
    const [member] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, input.user)).limit(1);
    if (!member) throw new AppError('not_found', `No user has the email ${input.user}.`, { user: 'No user has this email.' });
    await assertReturnToAllowed(input.return_to, tx);
    const expiresAt = now + (input.expires_in ?? DEFAULT_CONNECT_LINK_TTL_SECONDS) * 1000;
    await tx
      .insert(connectLinks)
      .values({ id, tokenHash: hash, environmentId: environment.id, userId: member.id, createdBy: actor.email, requestedBy: input.requested_by ?? null, reason: input.reason ?? null, returnTo: input.return_to ?? null, expiresAt });
    await recordAuditEvent({ actor, action: 'connect_link.create', targetType: 'connection', target: input.appId, env: input.env, detail: { for: member.email, requestedBy: input.requested_by ?? null } }, tx);
    return {
      id,
      url: connectLinkUrl(token),
      user: member.email,
      app_id: input.appId,
      env: input.env,
      expires_at: new Date(expiresAt).toISOString(),
      requested_by: input.requested_by ?? null,
      reason: input.reason ?? null,
      return_to: input.return_to ?? null,
    };
  });
}
