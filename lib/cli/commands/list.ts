import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { CLI_ACTOR } from '@/lib/auth/actor';
import { ADK_NAMES } from '@/lib/connections/adk-names';
import { listConnections, type ConnectionSummary } from '@/lib/connections/list-connections';
import { ENVIRONMENTS, type EnvName } from '@/lib/connections/kinds';
import { getDb } from '@/lib/db/client';
import { connections, credentials, environments } from '@/lib/db/schema';
import type { Command } from '../cli-types';
import { boxTable } from '../box-table';
import { COMMON_OPTIONS, optionalEnv } from '../flags';

/** Per app id: its connection id, and member credential rows per environment. */
async function lookups(appIds: string[]): Promise<{ ids: Map<string, string>; members: Map<string, number> }> {
  const ids = new Map<string, string>();
  const members = new Map<string, number>();
  const db = getDb();
  for (let i = 0; i < appIds.length; i += 500) {
    const slice = appIds.slice(i, i + 500);
    for (const r of await db.select({ id: connections.id, appId: connections.appId }).from(connections).where(inArray(connections.appId, slice))) ids.set(r.appId, r.id);
    const counts = await db
      .select({ appId: connections.appId, env: environments.env, n: count(credentials.id) })
      .from(credentials)
      .innerJoin(environments, eq(environments.id, credentials.environmentId))
      .innerJoin(connections, eq(connections.id, environments.connectionId))
      .where(and(inArray(connections.appId, slice), ne(credentials.ownerKey, 'team')))
      .groupBy(connections.appId, environments.env);
    for (const r of counts) members.set(`${r.appId}/${r.env}`, r.n);
  }
  return { ids, members };
}

async function allConnections(): Promise<ConnectionSummary[]> {
  const items: ConnectionSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listConnections(CLI_ACTOR, { limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** One row of the ADK's list: `credentials_entered` is the team's set, or any member's. */
type ListEntry = { app_id: string; connection_id: string | null; security_scheme: string | null; auth_type: string | null; preference: string | null; credentials_entered: boolean };

const HEADERS = ['App ID', 'Auth Type', 'Type', 'Credentials Set/ Connected'];
export const NO_CONNECTIONS = 'No connections found. You can create connections using `connections add`';

export const listCommand: Command = {
  name: 'list',
  summary: 'List connections as `orchestrate connections list` does: *Non-Configured, Draft and Live (flat JSON with -v).',
  usage: 'connections list [--env draft|live] [-v]',
  help: [
    '--env, --environment draft|live   only this environment (its table is printed even when empty)',
    '-v, --verbose                     the ADK’s JSON: non_configured, draft, live',
    '',
    'Credentials Set/ Connected: ✅ when the team’s credentials are set (connected, for OAuth), or for',
    'a member connection when at least one member has set theirs.',
  ],
  options: { env: COMMON_OPTIONS.env, environment: COMMON_OPTIONS.environment, verbose: { type: 'boolean', short: 'v' } },
  async run(values, io) {
    const only = optionalEnv(values);
    const items = await allConnections();
    const { ids, members } = await lookups(items.map((i) => i.appId));
    const entry = (item: ConnectionSummary, env: EnvName | null): ListEntry => {
      const summary = env ? item.environments[env] : null;
      if (!env || !summary) return { app_id: item.appId, connection_id: ids.get(item.appId) ?? null, security_scheme: null, auth_type: null, preference: null, credentials_entered: false };
      const entered = summary.type === 'member' ? (members.get(`${item.appId}/${env}`) ?? 0) > 0 : summary.status === 'connected';
      return { app_id: item.appId, connection_id: ids.get(item.appId) ?? null, ...ADK_NAMES[summary.kind], preference: summary.type, credentials_entered: entered };
    };
    const nonConfigured = only ? [] : items.filter((item) => ENVIRONMENTS.every((env) => !item.environments[env])).map((item) => entry(item, null));
    const byEnv = Object.fromEntries(
      ENVIRONMENTS.map((env) => [env, !only || only === env ? items.filter((item) => item.environments[env]).map((item) => entry(item, env)) : []]),
    ) as Record<EnvName, ListEntry[]>;
    if (values.verbose) {
      io.out(JSON.stringify({ non_configured: nonConfigured, draft: byEnv.draft, live: byEnv.live }, null, 4) + '\n');
      return;
    }
    const row = (e: ListEntry) => {
      const authType = e.security_scheme === null ? 'n/a' : e.auth_type ?? e.security_scheme;
      return [e.app_id, authType, e.preference ?? 'n/a', e.credentials_entered ? '✅' : '❌'];
    };
    const tables: Array<[string, ListEntry[], boolean]> = [
      ['*Non-Configured', nonConfigured, false],
      ['Draft', byEnv.draft, only === 'draft'],
      ['Live', byEnv.live, only === 'live'],
    ];
    let printed = false;
    for (const [title, entries, always] of tables) {
      if (!entries.length && !always) continue;
      io.out(boxTable(title, HEADERS, entries.map(row)));
      printed = true;
    }
    if (!printed) io.out(`${NO_CONNECTIONS}\n`);
  },
};
