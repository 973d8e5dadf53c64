import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { UserActor } from '@/lib/auth/actor';
import type { EnvName } from '@/lib/connections/kinds';
import { getDb, writeTransaction } from '@/lib/db/client';
import { connectLinks, connections, credentials, environments, type ConnectLinkRow } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { hashLinkToken, looksLikeLinkToken } from '@/lib/security/link-token';
import { CONNECT_LINK_PREFIX } from './create-connect-link';

export type OpenConnectLink = {
  id: string;
  appId: string;
  displayName: string | null;
  env: EnvName;
  requestedBy: string;
  reason: string | null;
  expiresAt: number;
  returnTo: string | null;
};

const gone = (message: string) => new AppError('not_found', message);

type LoadedLink = ConnectLinkRow & { appId: string; displayName: string | null; env: EnvName };

async function loadLink(where: ReturnType<typeof eq>): Promise<LoadedLink | undefined> {
  const [row] = await getDb()
    .select({ link: connectLinks, appId: connections.appId, displayName: connections.displayName, env: environments.env })
    .from(connectLinks)
    .innerJoin(environments, eq(environments.id, connectLinks.environmentId))
    .innerJoin(connections, eq(connections.id, environments.connectionId))
    .where(where)
    .limit(1);
  return row ? { ...row.link, appId: row.appId, displayName: row.displayName, env: row.env } : undefined;
}

function toOpen(link: LoadedLink): OpenConnectLink {
  return { id: link.id, appId: link.appId, displayName: link.displayName, env: link.env, requestedBy: link.requestedBy ?? link.createdBy, reason: link.reason, expiresAt: link.expiresAt, returnTo: link.returnTo };
}

/** The link a signed-in member opened: theirs, unused and unexpired, or a clear reason why not. */
export async function openConnectLink(actor: UserActor, token: string, now = Date.now()): Promise<OpenConnectLink> {
  if (!looksLikeLinkToken(token, CONNECT_LINK_PREFIX)) throw gone('This connect link is not valid. Ask for a new one.');
  const link = await loadLink(eq(connectLinks.tokenHash, hashLinkToken(token)));
  if (!link) throw gone('This connect link is not valid. Ask for a new one.');
  if (link.userId !== actor.id) throw new AppError('forbidden', 'This connect link was made for someone else. Sign in with the account it was sent to.');
  if (link.usedAt !== null) throw gone('This connect link was already used. Ask for a new one if you need to connect again.');
  if (link.expiresAt <= now) throw gone('This connect link has expired. Ask for a new one.');
  return toOpen(link);
}

/**
 * After the member connected: the link is used up (once, atomically) when their credentials for
 * that environment are connected and were saved after the link was made. Returns where to go next.
 */
export async function finishConnectLink(actor: UserActor, linkId: string, now = Date.now()): Promise<{ link: OpenConnectLink; connected: boolean }> {
  const link = await loadLink(eq(connectLinks.id, linkId));
  if (!link || link.userId !== actor.id) throw gone('This connect link is not valid.');
  const [own] = await getDb()
    .select({ status: credentials.status, updatedAt: credentials.updatedAt })
    .from(credentials)
    .where(and(eq(credentials.environmentId, link.environmentId), eq(credentials.ownerKey, actor.id)))
    .limit(1);
  const connected = own?.status === 'connected' && own.updatedAt >= link.createdAt;
  if (!connected) return { link: toOpen(link), connected: false };
  if (link.usedAt === null) {
    await writeTransaction(async (tx) => {
      const used = await tx
        .update(connectLinks)
        .set({ usedAt: now })
        .where(and(eq(connectLinks.id, link.id), isNull(connectLinks.usedAt)))
        .returning({ id: connectLinks.id });
      if (used.length) await recordAuditEvent({ actor, action: 'connect_link.use', targetType: 'connection', target: link.appId, env: link.env, detail: { requestedBy: link.requestedBy ?? link.createdBy } }, tx);
    });
  }
  return { link: toOpen(link), connected: true };
}
