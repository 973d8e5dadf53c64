import 'server-only';
import type Database from 'better-sqlite3';
import { getSqlite } from '@/lib/db/client';
import { createReadCache } from '@/lib/db/read-cache';
import type { CredentialRow, EnvironmentRow } from '@/lib/db/schema';

/**
 * The runtime path's reads as plain prepared statements, one set per database handle. This path
 * runs on every tool call: measured here, the query builder and row mapping cost more than the
 * SQLite lookups themselves, so the few columns needed are read directly.
 */
function prepare(sqlite: Database.Database) {
  return {
    // The environment and, in the same lookup, the credential row of the owner that applies:
    // the team's on team connections, the given member's on member connections.
    target: sqlite.prepare(
      `select e.id, e.kind, e.type, e.server_url, e.custom_config_entries, e.auth_settings,
              r.id as r_id, r.status as r_status, r.public_values as r_public_values,
              r.secret_values as r_secret_values, r.secret_names as r_secret_names
       from environments e join connections c on c.id = e.connection_id
       left join credentials r on r.environment_id = e.id
         and r.owner_key = (case when e.type = 'team' then 'team' else ? end)
       where c.app_id = ? and e.env = ?`,
    ),
    credential: sqlite.prepare('select id, status, public_values, secret_values, secret_names from credentials where environment_id = ? and owner_key = ?'),
    userByEmail: sqlite.prepare('select id, email from users where email = ?'),
  };
}

type RawEnvironment = { id: string; kind: EnvironmentRow['kind']; type: 'team' | 'member'; server_url: string | null; custom_config_entries: string | null; auth_settings: string | null };
type RawTarget = RawEnvironment & { r_id: string | null; r_status: CredentialRow['status']; r_public_values: string; r_secret_values: string | null; r_secret_names: string };
type RawCredential = { id: string; status: CredentialRow['status']; public_values: string; secret_values: string | null; secret_names: string };

export type RuntimeEnvironment = Pick<EnvironmentRow, 'id' | 'kind' | 'type' | 'serverUrl' | 'customConfigEntries' | 'authSettings'>;
export type RuntimeCredentialRow = Pick<CredentialRow, 'id' | 'status' | 'publicValues' | 'secretValues' | 'secretNames'>;

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function statements() {
  const sqlite = getSqlite();
  let prepared = cache.get(sqlite);
  if (!prepared) cache.set(sqlite, (prepared = prepare(sqlite)));
  return prepared;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

type RuntimeTarget = { environment: RuntimeEnvironment; credential: RuntimeCredentialRow | undefined };
const targets = createReadCache<RuntimeTarget | undefined>();

/** The environment, with the team's credentials (team connections) or `memberOwnerKey`'s (member connections). */
export function findRuntimeTarget(appId: string, env: string, memberOwnerKey: string): RuntimeTarget | undefined {
  return targets(`${appId}\u0000${env}\u0000${memberOwnerKey}`, () => readRuntimeTarget(appId, env, memberOwnerKey));
}

function readRuntimeTarget(appId: string, env: string, memberOwnerKey: string): RuntimeTarget | undefined {
  const row = statements().target.get(memberOwnerKey, appId, env) as RawTarget | undefined;
  if (!row) return undefined;
  const environment: RuntimeEnvironment = {
    id: row.id,
    kind: row.kind,
    type: row.type,
    serverUrl: row.server_url,
    customConfigEntries: parse(row.custom_config_entries),
    authSettings: parse(row.auth_settings),
  };
  const credential = row.r_id
    ? { id: row.r_id, status: row.r_status, publicValues: JSON.parse(row.r_public_values), secretValues: row.r_secret_values, secretNames: JSON.parse(row.r_secret_names) }
    : undefined;
  return { environment, credential };
}

export function findRuntimeCredential(environmentId: string, ownerKey: string): RuntimeCredentialRow | undefined {
  const row = statements().credential.get(environmentId, ownerKey) as RawCredential | undefined;
  if (!row) return undefined;
  return { id: row.id, status: row.status, publicValues: JSON.parse(row.public_values), secretValues: row.secret_values, secretNames: JSON.parse(row.secret_names) };
}

export function findUserIdByEmail(email: string): { id: string; email: string } | undefined {
  return statements().userByEmail.get(email) as { id: string; email: string } | undefined;
}
