import 'server-only';
import { deny, isAdmin, type Actor } from '@/lib/auth/actor';
import { resolvedConfigValues } from '@/lib/connections/environment-mapping';
import { allowedHostsFor, fillUrlTemplate } from '@/lib/connections/fill-placeholders';
import { assertKindRuns } from '@/lib/connections/connection-warnings';
import { isOAuthKind, KIND_REGISTRY, type EnvName, type Kind } from '@/lib/connections/kinds';
import { memberNeedsOwnCredentials } from '@/lib/credentials/credential-status';
import { openSecrets, type CredentialSecrets } from '@/lib/credentials/credential-secrets';
import type { EnvironmentRow } from '@/lib/db/schema';
import { env as appEnv } from '@/lib/env';
import { AppError, badInput, isAppError, notFound } from '@/lib/errors';
import { noteCredentialUse } from '@/lib/health/usage';
import { MemberMustConnectError, obtainAccessToken } from '@/lib/oauth/obtain-access-token';
import { findRuntimeCredential, findRuntimeTarget, findUserIdByEmail, type RuntimeCredentialRow, type RuntimeEnvironment } from './runtime-lookup';

export type RuntimeCredentials = {
  kind: Kind;
  server_url: string | null;
  credentials: Record<string, unknown>;
  custom_config_entries: Record<string, string>;
  config: Record<string, string>;
};

export type RuntimeQuery = { appId: string; env: EnvName; userEmail?: string; subjectToken?: string };

export function connectUrl(appId: string, env: EnvName): string {
  return `${appEnv().appUrl}/connections/${encodeURIComponent(appId)}/connect?env=${env}`;
}

/** `reason`: why a member who had connected must connect again (the provider's message). */
export function memberMustConnect(appId: string, env: EnvName, who: string, reason?: string): AppError {
  const message = reason
    ? `${who} has to reconnect the ${env} credentials of "${appId}": ${reason} Send them to connect_url.`
    : `${who} has not set up the ${env} credentials of "${appId}" yet: send them to connect_url.`;
  return new AppError('member_must_connect', message, undefined, { connect_url: connectUrl(appId, env) });
}

/**
 * Whose credentials a caller gets. Team connections: the team's, for admins (a member's key cannot
 * read shared secrets the console never shows them). Member connections: the named user's; a member
 * may only name themself, admins anyone; without `?user` the caller's own.
 */
async function ownerFor(
  actor: Actor,
  env: RuntimeEnvironment,
  query: RuntimeQuery,
  fetched: RuntimeCredentialRow | undefined,
): Promise<{ ownerKey: string; label: string; credential: RuntimeCredentialRow | undefined }> {
  if (env.type === 'team') {
    if (!isAdmin(actor)) throw deny(actor, 'Team credentials are resolved with an admin API key.');
    return { ownerKey: 'team', label: 'The team', credential: fetched };
  }
  const email = query.userEmail?.trim().toLowerCase();
  if (!email || email === actor.email) {
    if (!actor.id) throw badInput('Name the user whose credentials to resolve: ?user={email}.', { user: 'Required for member connections.' });
    return { ownerKey: actor.id, label: actor.email, credential: fetched };
  }
  if (!isAdmin(actor)) throw deny(actor, 'A member can only resolve their own credentials.');
  const user = await findUserIdByEmail(email);
  if (!user) throw notFound(`The user ${email}`);
  return { ownerKey: user.id, label: user.email, credential: await findRuntimeCredential(env.id, user.id) };
}

/**
 * Decrypted secrets by ciphertext: the same stored value is opened once, not on every tool call.
 * Keyed by the sealed text itself, so a changed or rotated secret is a new entry; bounded in size.
 */
const opened = new Map<string, CredentialSecrets>();
const MAX_OPENED = 1_000;

function openCached(row: RuntimeCredentialRow): CredentialSecrets {
  if (!row.secretValues) return {};
  const key = `${row.id}:${row.secretValues}`;
  let secrets = opened.get(key);
  if (!secrets) {
    secrets = openSecrets(row);
    if (opened.size >= MAX_OPENED) opened.delete(opened.keys().next().value as string);
    opened.set(key, secrets);
  }
  return secrets;
}

function staticCredentials(kind: Kind, row: RuntimeCredentialRow): Record<string, unknown> {
  const secrets = openCached(row);
  const publicValues = row.publicValues as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of KIND_REGISTRY[kind].fields) {
    const value = field.secret ? secrets[field.name] : publicValues[field.name];
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

function parametersOf(row: RuntimeCredentialRow | undefined): Record<string, string> {
  if (!row) return {};
  const publicParams = ((row.publicValues as Record<string, unknown>).parameters ?? {}) as Record<string, string>;
  const secretParams = row.secretNames.some((n) => n.startsWith('parameters.')) ? (openCached(row).parameters ?? {}) : {};
  return { ...publicParams, ...secretParams };
}

async function oauthCredentials(query: RuntimeQuery, ownerKey: string, who: string) {
  try {
    const token = await obtainAccessToken({ appId: query.appId, env: query.env, ownerKey, subjectToken: query.subjectToken });
    return {
      access_token: token.accessToken,
      token_type: token.tokenType,
      expires_at: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
      scopes: token.scopes,
    };
  } catch (e) {
    // The OAuth layer knows that a member has no tokens; only this layer knows where to send them.
    if (isAppError(e) && e.code === 'member_must_connect') {
      throw memberMustConnect(query.appId, query.env, who, e instanceof MemberMustConnectError && e.reconnect ? e.message : undefined);
    }
    throw e;
  }
}

/**
 * What a member's tool may see of the builder's config values: those marked visible, and never a
 * password value (the builder's secret, like the client secret of the registration).
 */
function configForMember(env: EnvironmentRow, all: Record<string, string>): Record<string, string> {
  const declared = ((env.authSettings as { config_values?: Array<{ key: string; type?: string; visible?: boolean }> } | null)?.config_values ?? []);
  const shown = new Set(declared.filter((c) => c.visible !== false && c.type !== 'password').map((c) => c.key));
  return Object.fromEntries(Object.entries(all).filter(([key]) => shown.has(key)));
}

/** A member's own parameters may fill server_url's path, not move it to another host (fillUrlTemplate). */
function fillServerUrl(env: EnvironmentRow, config: Record<string, string>, parameters: Record<string, string>): string {
  const values = env.type === 'member' ? { trusted: config, untrusted: parameters } : { trusted: { ...parameters, ...config }, untrusted: {} };
  return fillUrlTemplate(env.serverUrl as string, values, { field: 'server_url', allowedHosts: allowedHostsFor(env, 'server_url') });
}

/**
 * Resolves what a tool needs at run time (SPEC §6 runtime-credentials): the stored values for
 * static kinds, a valid access token for OAuth kinds.
 */
export async function resolveRuntimeCredentials(actor: Actor, query: RuntimeQuery): Promise<RuntimeCredentials> {
  // Runtime credentials are for tools (API keys). A member's browser session would otherwise read
  // values the console never shows them; admins' sessions may (they can see and set everything).
  if (actor.via === 'session' && !isAdmin(actor)) {
    throw deny(actor, 'Runtime credentials are for tools: call with an API key ("Authorization: Bearer <key>").');
  }
  // One lookup for the common case: the environment with the team's or the caller's own row.
  const target = await findRuntimeTarget(query.appId, query.env, actor.id ?? '');
  if (!target) throw notFound(`The ${query.env} environment of "${query.appId}"`);
  const env = target.environment;
  const kind = env.kind;
  assertKindRuns(kind);
  const { ownerKey, label, credential: own } = await ownerFor(actor, env, query, target.credential);
  const who = ownerKey === 'team' ? 'The team' : label;
  if (own) noteCredentialUse(own.id);

  const needsOwn = env.type === 'team' || memberNeedsOwnCredentials(kind);
  if (needsOwn && (!own || own.status === 'missing') && KIND_REGISTRY[kind].grant !== 'direct_access') {
    if (env.type === 'member') throw memberMustConnect(query.appId, query.env, who);
    throw new AppError('conflict', `No team credentials are set for the ${query.env} environment of "${query.appId}".`);
  }
  const allConfig = resolvedConfigValues(env as EnvironmentRow);
  const config = isAdmin(actor) ? allConfig : configForMember(env as EnvironmentRow, allConfig);
  const parameters = parametersOf(own);
  const answer = (credentials: Record<string, unknown>): RuntimeCredentials => {
    if (Object.keys(parameters).length) credentials.parameters = parameters;
    return {
      kind,
      server_url: env.serverUrl?.includes('{') ? fillServerUrl(env as EnvironmentRow, allConfig, parameters) : env.serverUrl,
      credentials,
      custom_config_entries: env.customConfigEntries ?? {},
      config,
    };
  };
  if (isOAuthKind(kind)) return answer(await oauthCredentials(query, ownerKey, who));
  return answer(staticCredentials(kind, own as RuntimeCredentialRow));
}
