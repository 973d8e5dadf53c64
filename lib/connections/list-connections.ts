import 'server-only';
import { and, asc, count, eq, exists, gt, inArray, ne, or, type SQL } from 'drizzle-orm';
import { consoleStatus, displayStatus, type ConsoleStatus, type DisplayStatus } from '@/lib/credentials/credential-status';
import { getDb } from '@/lib/db/client';
import { byteOrder } from '@/lib/db/collation';
import { contains } from '@/lib/db/search';
import { connections, credentials, environments, users } from '@/lib/db/schema';
import { badInput } from '@/lib/errors';
import type { ConnectionType, EnvName, Kind } from './kinds';
import { decodeCursor, encodeCursor, INVALID_CURSOR_MESSAGE } from './list-cursor';

export type EnvironmentSummary = { kind: Kind; type: ConnectionType; status: DisplayStatus };
export type ConnectionSummary = {
  appId: string;
  displayName: string | null;
  resource: { component: string | null; category: string | null };
  updatedAt: number;
  environments: Record<EnvName, EnvironmentSummary | null>;
  /** The soonest `expires_on` of the credentials the viewer sees, per environment (for the 14-day warning). */
  expiresOn: Partial<Record<EnvName, string>>;
  /** The status the console shows (`set, not verified` split from `connected`); the API keeps `environments[env].status`. */
  consoleStatus: Partial<Record<EnvName, ConsoleStatus>>;
  /** What the list shows beside the status: last runtime read and token expiry of the viewer's row, and (admins, member connections) how many members connected. */
  activity: Partial<Record<EnvName, EnvironmentActivity>>;
};

export type EnvironmentActivity = { lastUsedAt: number | null; tokenExpiresAt: number | null; members: { connected: number; of: number } | null };

export type ListQuery = { search?: string; limit?: number; cursor?: string; offset?: number; kind?: Kind; type?: ConnectionType };
export type ListPage = { items: ConnectionSummary[]; nextCursor: string | null; total: number };

export const MAX_PAGE_SIZE = 100;

/**
 * One page of connections with the viewer's credential status per environment. Three indexed
 * queries whatever the table size: the page (keyset on app_id, or offset for numbered pages),
 * its environments, and the team's and viewer's credential rows for them. App ids are ordered and
 * compared byte by byte, so both databases list the same pages in the same order.
 */
export async function listConnections(viewer: { id: string | null; role?: 'admin' | 'member' }, query: ListQuery = {}): Promise<ListPage> {
  const db = getDb();
  const limit = Math.min(Math.max(query.limit ?? 25, 1), MAX_PAGE_SIZE);
  const filters: SQL[] = [];
  if (query.search?.trim()) filters.push(or(contains(connections.appId, query.search.trim()), contains(connections.displayName, query.search.trim()))!);
  if (query.kind || query.type) {
    const envFilter = and(eq(environments.connectionId, connections.id), query.kind ? eq(environments.kind, query.kind) : undefined, query.type ? eq(environments.type, query.type) : undefined);
    filters.push(exists(db.select({ one: environments.id }).from(environments).where(envFilter)));
  }
  const [counted] = await db.select({ n: count() }).from(connections).where(and(...filters));
  const total = counted?.n ?? 0;
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    if (after === null) throw badInput(INVALID_CURSOR_MESSAGE, { cursor: INVALID_CURSOR_MESSAGE });
    filters.push(gt(byteOrder(connections.appId), after));
  }
  const page = await db
    .select()
    .from(connections)
    .where(and(...filters))
    .orderBy(asc(byteOrder(connections.appId)))
    .limit(limit + 1)
    .offset(query.cursor ? 0 : Math.max(query.offset ?? 0, 0));
  const hasMore = page.length > limit;
  const rows = page.slice(0, limit);
  const envRows = rows.length ? await db.select().from(environments).where(inArray(environments.connectionId, rows.map((r) => r.id))) : [];
  const owners = viewer.id ? ['team', viewer.id] : ['team'];
  const credRows = envRows.length
    ? await db
        .select({
          environmentId: credentials.environmentId,
          ownerKey: credentials.ownerKey,
          status: credentials.status,
          tokenExpiresAt: credentials.tokenExpiresAt,
          hasRefreshToken: credentials.hasRefreshToken,
          expiresOn: credentials.expiresOn,
          lastSuccessAt: credentials.lastSuccessAt,
          settingsVersion: credentials.settingsVersion,
          lastUsedAt: credentials.lastUsedAt,
        })
        .from(credentials)
        .where(and(inArray(credentials.environmentId, envRows.map((e) => e.id)), or(...owners.map((o) => eq(credentials.ownerKey, o)))))
    : [];
  const members = viewer.role === 'admin' ? await memberCounts(envRows.filter((e) => e.type === 'member').map((e) => e.id)) : null;
  const now = Date.now();
  const items = rows.map((row): ConnectionSummary => {
    const envs: Record<EnvName, EnvironmentSummary | null> = { draft: null, live: null };
    const expiresOn: Partial<Record<EnvName, string>> = {};
    const shown: Partial<Record<EnvName, ConsoleStatus>> = {};
    const activity: Partial<Record<EnvName, EnvironmentActivity>> = {};
    for (const env of envRows.filter((e) => e.connectionId === row.id)) {
      const team = credRows.find((c) => c.environmentId === env.id && c.ownerKey === 'team');
      const own = viewer.id ? credRows.find((c) => c.environmentId === env.id && c.ownerKey === viewer.id) : undefined;
      envs[env.env] = { kind: env.kind, type: env.type, status: displayStatus(env, team, own, now) };
      shown[env.env] = consoleStatus(env, team, own, now);
      const soonest = [team?.expiresOn, own?.expiresOn].filter((d): d is string => Boolean(d)).sort()[0];
      if (soonest) expiresOn[env.env] = soonest;
      const shownRow = env.type === 'member' ? own : team;
      activity[env.env] = {
        lastUsedAt: Math.max(team?.lastUsedAt ?? 0, own?.lastUsedAt ?? 0) || null,
        tokenExpiresAt: shownRow?.tokenExpiresAt ?? null,
        members: members && env.type === 'member' ? { connected: members.connected.get(env.id) ?? 0, of: members.of } : null,
      };
    }
    return {
      appId: row.appId,
      displayName: row.displayName,
      resource: { component: row.resourceComponent, category: row.resourceCategory },
      updatedAt: row.updatedAt,
      environments: envs,
      expiresOn,
      consoleStatus: shown,
      activity,
    };
  });
  return { items, nextCursor: hasMore ? encodeCursor(rows[rows.length - 1].appId) : null, total };
}

/** Per member environment, how many users have connected credentials of their own, out of all users. */
async function memberCounts(environmentIds: string[]): Promise<{ connected: Map<string, number>; of: number }> {
  const db = getDb();
  const connected = new Map<string, number>();
  if (environmentIds.length) {
    const rows = await db
      .select({ environmentId: credentials.environmentId, n: count() })
      .from(credentials)
      .where(and(inArray(credentials.environmentId, environmentIds), ne(credentials.ownerKey, 'team'), eq(credentials.status, 'connected')))
      .groupBy(credentials.environmentId);
    for (const row of rows) connected.set(row.environmentId, row.n);
  }
  const [everyone] = await db.select({ n: count() }).from(users);
  return { connected, of: everyone?.n ?? 0 };
}
