import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { fieldsFor, isOAuthKind, KIND_REGISTRY, type EnvName, type Kind } from '@/lib/connections/kinds';
import { scopesToRequest } from '@/lib/connections/resolve-scopes';
import { getDb } from '@/lib/db/client';
import { credentials, users, type CredentialRow, type EnvironmentRow } from '@/lib/db/schema';
import { credentialHealth, type CredentialHealth } from '@/lib/health/credential-health';
import { consoleStatus, type ConsoleStatus } from './credential-status';

/**
 * What the browser may know about one owner's credentials: non-secret values and the names of
 * the secrets that are set. Built from columns only: nothing here is ever decrypted.
 */
export type CredentialView = {
  exists: boolean;
  values: Record<string, unknown>;
  secretsSet: string[];
  status: CredentialRow['status'] | null;
  statusMessage: string | null;
  tokenExpiresAt: number | null;
  hasAccessToken: boolean;
  hasRefreshToken: boolean;
  grantedScopes: string | null;
  settingsVersion: number | null;
  updatedAt: number | null;
  updatedBy: string | null;
  expiresOn: string | null;
  /** Use, expiry and failures of a stored credential, for the health line; null when none is set. */
  health: CredentialHealth | null;
};

/**
 * Credentials set before the environment's auth settings last changed: their owner is asked to
 * review them. The client registration of a member connection (the team row) belongs to no member.
 */
export function needsReview(env: Pick<EnvironmentRow, 'type' | 'settingsVersion'>, ownerKey: string, settingsVersion: number | null | undefined): boolean {
  if (settingsVersion == null || (env.type === 'member' && ownerKey === 'team')) return false;
  return settingsVersion < env.settingsVersion;
}

export function toCredentialView(row: CredentialRow | undefined): CredentialView {
  return {
    exists: Boolean(row),
    values: row?.publicValues ?? {},
    secretsSet: row?.secretNames ?? [],
    status: row?.status ?? null,
    statusMessage: row?.statusMessage ?? null,
    tokenExpiresAt: row?.tokenExpiresAt ?? null,
    hasAccessToken: Boolean(row?.tokens),
    hasRefreshToken: row?.hasRefreshToken ?? false,
    grantedScopes: row?.grantedScopes ?? null,
    settingsVersion: row?.settingsVersion ?? null,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
    expiresOn: row?.expiresOn ?? null,
    health: row ? credentialHealth(row) : null,
  };
}

/**
 * Whether the admins' client registration (client ID and URLs, in the team row) is there for a
 * kind that needs one: every token grant but direct access, which passes the sign-in token through.
 */
export function hasClientRegistration(kind: Kind, team: Pick<CredentialRow, 'publicValues'> | undefined): boolean {
  const grant = KIND_REGISTRY[kind].grant;
  if (!grant || grant === 'direct_access') return true;
  return Boolean(team?.publicValues.client_id || team?.publicValues.idp_client_id);
}

export async function findCredentialRow(environmentId: string, ownerKey: string): Promise<CredentialRow | undefined> {
  const [row] = await getDb()
    .select()
    .from(credentials)
    .where(and(eq(credentials.environmentId, environmentId), eq(credentials.ownerKey, ownerKey)))
    .limit(1);
  return row;
}

export type EnvironmentCredentialsView = {
  /** Team credentials, or the client registration of a member OAuth connection. Null when the viewer may not see it. */
  team: CredentialView | null;
  /** The viewer's own credentials on a member connection. */
  own: CredentialView | null;
  status: ConsoleStatus;
  canEditTeam: boolean;
  canEditOwn: boolean;
  /** The client registration is set (always true for kinds without one). */
  registrationSet: boolean;
  /** A member OAuth connection whose client registration an admin has not set yet: nobody can connect. */
  registrationMissing: boolean;
  /** OAuth kinds: the scopes the viewer's next token request sends, to compare with what was granted. */
  requestedScopes: string | null;
};

export async function environmentCredentialsView(env: EnvironmentRow, viewer: { id: string; role: 'admin' | 'member' }): Promise<EnvironmentCredentialsView> {
  const team = await findCredentialRow(env.id, 'team');
  const own = env.type === 'member' ? await findCredentialRow(env.id, viewer.id) : undefined;
  const kind = env.kind;
  const isAdminViewer = viewer.role === 'admin';
  return {
    team: isAdminViewer || env.type === 'team' ? toCredentialView(team) : null,
    own: env.type === 'member' ? toCredentialView(own) : null,
    status: consoleStatus(env, team, own),
    canEditTeam: isAdminViewer && fieldsFor(kind, env.type, 'team').length > 0,
    canEditOwn: env.type === 'member' && (fieldsFor(kind, 'member', 'member').length > 0 || hasParameters(env)),
    registrationSet: hasClientRegistration(kind, team),
    registrationMissing: env.type === 'member' && !hasClientRegistration(kind, team),
    requestedScopes: isOAuthKind(kind) && team ? scopesToRequest(env.authSettings, { ...team.publicValues, ...own?.publicValues }) : null,
  };
}

function hasParameters(env: EnvironmentRow): boolean {
  const params = env.authSettings?.parameters;
  return Array.isArray(params) && params.length > 0;
}

export type OwnerSummary = { ownerKey: string; email: string | null; status: CredentialRow['status']; settingsVersion: number; needsReview: boolean; updatedAt: number };

/** Admins: who has set credentials on an environment (member connections have one row per member), by owner key on both databases. */
export async function listCredentialOwners(env: EnvironmentRow): Promise<OwnerSummary[]> {
  const rows = await getDb()
    .select({ ownerKey: credentials.ownerKey, userId: credentials.userId, status: credentials.status, settingsVersion: credentials.settingsVersion, updatedAt: credentials.updatedAt })
    .from(credentials)
    .where(eq(credentials.environmentId, env.id))
    .orderBy(asc(credentials.ownerKey));
  const ids = rows.map((r) => r.userId).filter((id): id is string => Boolean(id));
  const emailRows = ids.length ? await getDb().select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids)) : [];
  const emails = new Map(emailRows.map((u) => [u.id, u.email]));
  return rows.map((r) => ({ ownerKey: r.ownerKey, email: r.userId ? (emails.get(r.userId) ?? null) : null, status: r.status, settingsVersion: r.settingsVersion, needsReview: needsReview(env, r.ownerKey, r.settingsVersion), updatedAt: r.updatedAt }));
}

/** The viewer's credentials view of each configured environment, and every environment's status (for the tabs). */
export async function connectionCredentialsOverview(connection: { environments: Partial<Record<EnvName, EnvironmentRow>> }, viewer: { id: string; role: 'admin' | 'member' }) {
  const views: Partial<Record<EnvName, EnvironmentCredentialsView>> = {};
  const statuses: Record<EnvName, ConsoleStatus> = { draft: 'not configured', live: 'not configured' };
  for (const name of ['draft', 'live'] as const) {
    const row = connection.environments[name];
    if (!row) continue;
    views[name] = await environmentCredentialsView(row, viewer);
    statuses[name] = views[name].status;
  }
  return { views, statuses };
}
