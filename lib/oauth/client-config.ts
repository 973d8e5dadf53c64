import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { StoredAuthSettings } from '@/lib/connections/auth-settings-schema';
import { resolvedConfigValues } from '@/lib/connections/environment-mapping';
import { allowedHostsFor, fillUrlTemplate, type TemplateUrlField } from '@/lib/connections/fill-placeholders';
import { DEFAULT_GRANT_TYPES, IMPLICIT_FLOW_MESSAGE, KIND_REGISTRY, type EnvName, type Kind, type OAuthGrant } from '@/lib/connections/kinds';
import { joinScopes, scopeList, scopesToRequest } from '@/lib/connections/resolve-scopes';
import type { TokenEntry } from '@/lib/connections/value-schemas';
import { openSecrets } from '@/lib/credentials/credential-secrets';
import { getDb } from '@/lib/db/client';
import { connections, credentials, environments, type CredentialRow, type EnvironmentRow } from '@/lib/db/schema';
import { AppError, badInput, notFound } from '@/lib/errors';

/** Everything needed to talk to one provider for one owner: merged, decrypted, placeholders filled. */
export type OAuthClientConfig = {
  appId: string;
  env: EnvName;
  kind: Kind;
  grant: Exclude<OAuthGrant, 'implicit'>;
  environment: EnvironmentRow;
  ownerKey: string;
  /** The row tokens are stored in: the owner's (member connections) or the team's. */
  tokenRow: CredentialRow | undefined;
  clientId: string;
  clientSecret?: string;
  authorizationUrl?: string;
  tokenUrl: string;
  scope: string;
  sendVia?: 'header' | 'body';
  tokenEntries: TokenEntry[];
  authEntries: TokenEntry[];
  grantType?: string;
  username?: string;
  password?: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  responseTokenKey: string;
  idp?: { url: string; clientId: string; clientSecret?: string; scope: string; grantType: string; header: Record<string, string>; body: Record<string, string>; tokenEntries: TokenEntry[] };
  appHeaders: Record<string, string>;
};

type Values = Record<string, unknown>;

async function rowFor(environmentId: string, ownerKey: string): Promise<CredentialRow | undefined> {
  const [row] = await getDb().select().from(credentials).where(and(eq(credentials.environmentId, environmentId), eq(credentials.ownerKey, ownerKey))).limit(1);
  return row;
}

export async function findEnvironmentRow(appId: string, env: EnvName): Promise<EnvironmentRow> {
  const [row] = await getDb()
    .select({ environment: environments })
    .from(environments)
    .innerJoin(connections, eq(connections.id, environments.connectionId))
    .where(and(eq(connections.appId, appId), eq(environments.env, env)))
    .limit(1);
  if (!row) throw notFound(`The ${env} environment of "${appId}"`);
  return row.environment;
}

function valuesOf(row: CredentialRow | undefined): { values: Values; parameters: Record<string, string> } {
  if (!row) return { values: {}, parameters: {} };
  const secrets = openSecrets(row);
  const publicValues = row.publicValues as Values;
  const parameters = { ...((publicValues.parameters ?? {}) as Record<string, string>), ...(secrets.parameters ?? {}) };
  return { values: { ...publicValues, ...secrets }, parameters };
}

/**
 * Loads the OAuth configuration for `ownerKey` ('team' or a user id). On member connections the
 * client registration comes from the team row and the owner's own values (password-flow username
 * and password, parameters, scope choice) from theirs.
 */
export async function loadClientConfig(appId: string, env: EnvName, ownerKey: string): Promise<OAuthClientConfig> {
  const environment = await findEnvironmentRow(appId, env);
  const kind = environment.kind;
  const grant = KIND_REGISTRY[kind].grant;
  if (!grant) throw badInput(`${kind} is not an OAuth kind.`);
  if (grant === 'implicit') throw badInput(IMPLICIT_FLOW_MESSAGE);
  const teamRow = await rowFor(environment.id, 'team');
  const ownRow = environment.type === 'member' ? await rowFor(environment.id, ownerKey) : teamRow;
  const team = valuesOf(teamRow);
  const own = environment.type === 'member' ? valuesOf(ownRow) : team;
  const values: Values = { ...team.values, ...own.values };
  // A member's own parameters may not move a URL to another host (fillUrlTemplate); the builder's may.
  const placeholders =
    environment.type === 'member'
      ? { trusted: { ...team.parameters, ...resolvedConfigValues(environment) }, untrusted: own.parameters }
      : { trusted: { ...team.parameters, ...resolvedConfigValues(environment) }, untrusted: {} };
  const settings: Partial<StoredAuthSettings> | null = environment.authSettings;
  const text = (key: string) => (typeof values[key] === 'string' && values[key] ? (values[key] as string) : undefined);
  const url = (key: string, field: TemplateUrlField) => {
    const value = text(key);
    return value ? fillUrlTemplate(value, placeholders, { field, allowedHosts: allowedHostsFor(environment, field) }) : undefined;
  };
  if (grant !== 'direct_access' && !text('client_id')) {
    throw new AppError('conflict', `The client registration of "${appId}" (${env}) is not set yet: an admin sets the client ID and URLs first.`);
  }
  const idpConfig = (environment.idpConfig ?? {}) as { header?: Record<string, string>; body?: Record<string, string> };
  return {
    appId,
    env,
    kind,
    grant,
    environment,
    ownerKey,
    tokenRow: ownRow,
    clientId: text('client_id') ?? '',
    clientSecret: text('client_secret'),
    authorizationUrl: url('authorization_url', 'authorization_url'),
    tokenUrl: url('token_url', 'token_url') ?? '',
    scope: scopesToRequest(settings, values),
    sendVia: (text('send_via') as 'header' | 'body' | undefined) ?? undefined,
    tokenEntries: (values.token_entries as TokenEntry[] | undefined) ?? [],
    authEntries: (values.auth_entries as TokenEntry[] | undefined) ?? [],
    grantType: text('grant_type') ?? DEFAULT_GRANT_TYPES[kind],
    username: text('username'),
    password: text('password'),
    contentType: settings?.token_request?.content_type ?? 'application/x-www-form-urlencoded',
    responseTokenKey: settings?.token_request?.response_token_key ?? 'access_token',
    idp:
      grant === 'on_behalf_of'
        ? {
            url: url('idp_url', 'idp_url') ?? '',
            clientId: text('idp_client_id') ?? '',
            clientSecret: text('idp_client_secret'),
            scope: joinScopes(scopeList(values.idp_scope)),
            grantType: text('idp_grant_type') ?? 'urn:ietf:params:oauth:grant-type:token-exchange',
            header: idpConfig.header ?? {},
            body: idpConfig.body ?? {},
            tokenEntries: (values.idp_token_entries as TokenEntry[] | undefined) ?? [],
          }
        : undefined,
    appHeaders: ((environment.appConfig ?? {}) as { header?: Record<string, string> }).header ?? {},
  };
}
