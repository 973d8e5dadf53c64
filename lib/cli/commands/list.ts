import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { CLI_ACTOR } from '@/lib/auth/actor';
import { listConnections, type ConnectionSummary } from '@/lib/connections/list-connections';
import { ENVIRONMENTS, KIND_REGISTRY, type EnvName } from '@/lib/connections/kinds';
import { getDb } from '@/lib/db/client';
import { connections, credentials, environments } from '@/lib/db/schema';
import { str, type Command } from '../cli-types';
import { textTable } from '../text-table';

/** Member credential rows per app id and environment (the team row holds a member OAuth registration). */
function memberCounts(appIds: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const db = getDb();
  for (let i = 0; i < appIds.length; i += 500) {
    const rows = db
      .select({ appId: connections.appId, env: environments.env, n: count(credentials.id) })
      .from(credentials)
      .innerJoin(environments, eq(environments.id, credentials.environmentId))
      .innerJoin(connections, eq(connections.id, environments.connectionId))
      .where(and(inArray(connections.appId, appIds.slice(i, i + 500)), ne(credentials.ownerKey, 'team')))
      .groupBy(connections.appId, environments.env)
      .all();
    rows.forEach((r) => out.set(`${r.appId}/${r.env}`, r.n));
  }
  return out;
}

function allConnections(): ConnectionSummary[] {
  const items: ConnectionSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = listConnections(CLI_ACTOR, { limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List connections: Non-Configured, Draft and Live tables (JSON with -v).',
  usage: 'connections list [--env draft|live] [-v]',
  help: ['--env draft|live   only this environment', '-v, --verbose      JSON instead of tables'],
  options: { env: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
  run(values, io) {
    const only = str(values.env) ? z.enum(ENVIRONMENTS, { error: '--env must be draft or live.' }).parse(values.env) : undefined;
    const envs: EnvName[] = only ? [only] : [...ENVIRONMENTS];
    const items = allConnections();
    const members = memberCounts(items.map((i) => i.appId));
    const credentialsCell = (item: ConnectionSummary, env: EnvName): string => {
      const summary = item.environments[env]!;
      if (summary.type === 'member') {
        const n = members.get(`${item.appId}/${env}`) ?? 0;
        return `per member (${n} set)`;
      }
      return summary.status === 'connected' ? '✅' : `❌ ${summary.status}`;
    };
    if (values.verbose) {
      const json = items.map((item) => ({
        app_id: item.appId,
        resource: item.resource,
        environments: Object.fromEntries(
          envs.map((env) => {
            const summary = item.environments[env];
            return [env, summary ? { ...summary, auth_type: summary.kind, member_credentials: members.get(`${item.appId}/${env}`) ?? 0 } : null];
          }),
        ),
      }));
      io.out(JSON.stringify(json, null, 2) + '\n');
      return;
    }
    // Non-Configured means neither environment is set up, whatever --env shows.
    const unconfigured = items.filter((item) => ENVIRONMENTS.every((env) => !item.environments[env]));
    io.out(textTable('Non-Configured', ['App ID'], unconfigured.map((i) => [i.appId])) + '\n');
    for (const env of envs) {
      const rows = items
        .filter((item) => item.environments[env])
        .map((item) => {
          const s = item.environments[env]!;
          return [item.appId, KIND_REGISTRY[s.kind] ? s.kind : String(s.kind), s.type, credentialsCell(item, env)];
        });
      io.out(textTable(env === 'draft' ? 'Draft' : 'Live', ['App ID', 'Auth Type', 'Type', 'Credentials Set/Connected'], rows) + '\n');
    }
  },
};
