import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { createReadCache } from '@/lib/db/read-cache';
import { connections, credentials, environments, users, type CredentialRow, type EnvironmentRow } from '@/lib/db/schema';

/**
 * The runtime path's reads: only the few columns it needs, on either database. This path runs on
 * every tool call, so the environment lookup goes through the read cache, which answers from
 * memory until the database changes.
 */
export type RuntimeEnvironment = Pick<EnvironmentRow, 'id' | 'kind' | 'type' | 'serverUrl' | 'customConfigEntries' | 'authSettings'>;
export type RuntimeCredentialRow = Pick<CredentialRow, 'id' | 'status' | 'publicValues' | 'secretValues' | 'secretNames'>;

const environmentColumns = {
  id: environments.id,
  kind: environments.kind,
  type: environments.type,
  serverUrl: environments.serverUrl,
  customConfigEntries: environments.customConfigEntries,
  authSettings: environments.authSettings,
};
const credentialColumns = {
  id: credentials.id,
  status: credentials.status,
  publicValues: credentials.publicValues,
  secretValues: credentials.secretValues,
  secretNames: credentials.secretNames,
};

type RuntimeTarget = { environment: RuntimeEnvironment; credential: RuntimeCredentialRow | undefined };
const targets = createReadCache<RuntimeTarget | undefined>();

/** The environment, with the team's credentials (team connections) or `memberOwnerKey`'s (member connections). */
export function findRuntimeTarget(appId: string, env: string, memberOwnerKey: string): Promise<RuntimeTarget | undefined> {
  return targets(`${appId}\u0000${env}\u0000${memberOwnerKey}`, () => readRuntimeTarget(appId, env, memberOwnerKey));
}

async function readRuntimeTarget(appId: string, env: string, memberOwnerKey: string): Promise<RuntimeTarget | undefined> {
  // The environment and, in the same lookup, the credential row of the owner that applies.
  const owner = sql`case when ${environments.type} = 'team' then 'team' else ${memberOwnerKey} end`;
  const [row] = await getDb()
    .select({ environment: environmentColumns, credential: credentialColumns })
    .from(environments)
    .innerJoin(connections, eq(connections.id, environments.connectionId))
    .leftJoin(credentials, and(eq(credentials.environmentId, environments.id), eq(credentials.ownerKey, owner)))
    .where(and(eq(connections.appId, appId), eq(environments.env, env as EnvironmentRow['env'])))
    .limit(1);
  return row ? { environment: row.environment, credential: row.credential ?? undefined } : undefined;
}

export async function findRuntimeCredential(environmentId: string, ownerKey: string): Promise<RuntimeCredentialRow | undefined> {
  const [row] = await getDb()
    .select(credentialColumns)
    .from(credentials)
    .where(and(eq(credentials.environmentId, environmentId), eq(credentials.ownerKey, ownerKey)))
    .limit(1);
  return row;
}

export async function findUserIdByEmail(email: string): Promise<{ id: string; email: string } | undefined> {
  const [row] = await getDb().select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email)).limit(1);
  return row;
}
