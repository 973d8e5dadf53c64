import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/db/client';
import { connections, environments, type Connection, type EnvironmentRow } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { ConnectionDocument, EnvironmentConfig } from './connection-schema';
import { environmentToConfig } from './environment-mapping';
import type { EnvName } from './kinds';

export type ConnectionWithEnvironments = Connection & { environments: Partial<Record<EnvName, EnvironmentRow>> };

export async function findConnection(appId: string, db: Db = getDb()): Promise<ConnectionWithEnvironments | undefined> {
  const [connection] = await db.select().from(connections).where(eq(connections.appId, appId)).limit(1);
  if (!connection) return undefined;
  const rows = await db.select().from(environments).where(eq(environments.connectionId, connection.id)).orderBy(asc(environments.env));
  return { ...connection, environments: Object.fromEntries(rows.map((r) => [r.env, r])) };
}

export async function getConnection(appId: string, db: Db = getDb()): Promise<ConnectionWithEnvironments> {
  const found = await findConnection(appId, db);
  if (!found) throw notFound(`Connection "${appId}"`);
  return found;
}

export async function getEnvironment(appId: string, env: EnvName, db: Db = getDb()): Promise<{ connection: ConnectionWithEnvironments; environment: EnvironmentRow }> {
  const connection = await getConnection(appId, db);
  const environment = connection.environments[env];
  if (!environment) throw notFound(`The ${env} environment of "${appId}"`);
  return { connection, environment };
}

/** The SPEC §2 document of a connection: configuration only, never a secret. */
/** Members see the configuration, but not the config values a builder kept from the credential owner. */
function forViewer(config: EnvironmentConfig, viewer: { role: 'admin' | 'member' } | undefined): EnvironmentConfig {
  if (!config.auth_settings || !viewer || viewer.role === 'admin') return config;
  return { ...config, auth_settings: { ...config.auth_settings, config_values: config.auth_settings.config_values.map((c) => (c.visible ? c : { ...c, value: '' })) } };
}

export function toConnectionDocument(connection: ConnectionWithEnvironments, viewer?: { role: 'admin' | 'member' }): ConnectionDocument {
  const resource =
    connection.resourceComponent || connection.resourceCategory
      ? { component: connection.resourceComponent ?? undefined, category: connection.resourceCategory ?? undefined }
      : undefined;
  const envs: ConnectionDocument['environments'] = {};
  for (const [name, row] of Object.entries(connection.environments)) {
    if (row) envs[name as EnvName] = forViewer(environmentToConfig(row), viewer);
  }
  return { spec_version: 'v1', kind: 'connection', app_id: connection.appId, resource, environments: envs };
}
