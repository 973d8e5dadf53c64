import 'server-only';
import { and, asc, inArray, or, eq } from 'drizzle-orm';
import type { UserActor } from '@/lib/auth/actor';
import { KIND_REGISTRY, type ConnectionType, type EnvName, type Kind } from '@/lib/connections/kinds';
import { displayStatus, memberNeedsOwnCredentials, type DisplayStatus } from '@/lib/credentials/credential-status';
import { needsReview } from '@/lib/credentials/credential-view';
import { getDb } from '@/lib/db/client';
import { contains } from '@/lib/db/search';
import { connections, credentials, environments } from '@/lib/db/schema';
import type { ConnectionFilters } from './home-filters';

export type HomeItem = {
  appId: string;
  displayName: string | null;
  env: EnvName;
  kind: Kind;
  kindLabel: string;
  type: ConnectionType;
  status: DisplayStatus;
  /** Why it needs the member, in words; null when it does not. */
  action: string | null;
  grantedScopes: string[];
  tokenExpiresAt: number | null;
  renewsItself: boolean;
  lastUsedAt: number | null;
  connectedAt: number | null;
};

export type MemberHome = { needsAction: HomeItem[]; connected: HomeItem[]; managed: HomeItem[]; total: number };

const LIMIT = 500;

function actionFor(status: DisplayStatus, review: boolean): string | null {
  if (status === 'missing credentials') return 'Not set up yet';
  if (status === 'expired') return 'Access expired: connect again';
  if (status === 'error') return 'The last attempt failed: connect again';
  return review ? 'An admin changed the settings: please review' : null;
}

/**
 * The member's home: their own connections in three groups. "Needs your action" and "Connected"
 * hold member connections they set up themselves; "Managed by admins" holds the rest.
 */
export async function memberHome(viewer: UserActor, filters: ConnectionFilters): Promise<MemberHome> {
  const db = getDb();
  const search = filters.q ? or(contains(connections.appId, filters.q), contains(connections.displayName, filters.q)) : undefined;
  const rows = await db
    .select({ env: environments, appId: connections.appId, displayName: connections.displayName })
    .from(environments)
    .innerJoin(connections, eq(connections.id, environments.connectionId))
    .where(and(search, filters.kind ? eq(environments.kind, filters.kind) : undefined, filters.type ? eq(environments.type, filters.type) : undefined))
    .orderBy(asc(connections.appId), asc(environments.env))
    .limit(LIMIT);
  const creds = rows.length
    ? await db
        .select()
        .from(credentials)
        .where(and(inArray(credentials.environmentId, rows.map((r) => r.env.id)), or(eq(credentials.ownerKey, 'team'), eq(credentials.ownerKey, viewer.id))))
    : [];
  const now = Date.now();
  const home: MemberHome = { needsAction: [], connected: [], managed: [], total: 0 };
  for (const { env, appId, displayName } of rows) {
    const kind = env.kind;
    const team = creds.find((c) => c.environmentId === env.id && c.ownerKey === 'team');
    const own = creds.find((c) => c.environmentId === env.id && c.ownerKey === viewer.id);
    const status = displayStatus(env, team, own, now);
    if (filters.status && status !== filters.status) continue;
    const mine = env.type === 'member' && memberNeedsOwnCredentials(kind) && !KIND_REGISTRY[kind].deprecated;
    const action = mine ? actionFor(status, needsReview(env, viewer.id, own?.settingsVersion)) : null;
    const item: HomeItem = {
      appId,
      displayName,
      env: env.env,
      kind,
      kindLabel: KIND_REGISTRY[kind].label,
      type: env.type,
      status,
      action,
      grantedScopes: own?.grantedScopes?.split(/[\s,]+/).filter(Boolean) ?? [],
      tokenExpiresAt: own?.tokenExpiresAt ?? null,
      renewsItself: own?.hasRefreshToken ?? false,
      lastUsedAt: (env.type === 'member' ? own : team)?.lastUsedAt ?? null,
      connectedAt: own?.updatedAt ?? null,
    };
    home.total++;
    if (!mine) home.managed.push(item);
    else if (action) home.needsAction.push(item);
    else home.connected.push(item);
  }
  return home;
}
