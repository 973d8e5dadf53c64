import 'server-only';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { openTokens } from '@/lib/credentials/credential-secrets';
import { getDb } from '@/lib/db/client';
import { credentials, type CredentialRow } from '@/lib/db/schema';
import type { EnvName } from '@/lib/connections/kinds';
import { AppError, badInput } from '@/lib/errors';
import { loadClientConfig, type OAuthClientConfig } from './client-config';
import { clientCredentials, onBehalfOf, passwordGrant, refreshTokens, tokenExchange } from './grants';
import { ProviderError, type TokenSet } from './token-endpoint';
import { markTokenFailure, storeTokens } from './token-store';

export type AccessToken = { accessToken: string; tokenType: string; expiresAt: number | null; scopes: string[] };
export type ObtainInput = { appId: string; env: EnvName; ownerKey: string; subjectToken?: string; forceRefresh?: boolean };

/** A token this close to expiry is refreshed rather than handed out. */
const EXPIRY_MARGIN_MS = 60_000;

// One refresh per credential at a time in this process: concurrent callers share the promise.
const globalForFlights = globalThis as unknown as { __tokenFlights?: Map<string, Promise<AccessToken>> };
const flights = (globalForFlights.__tokenFlights ??= new Map());

const hash = (value: string) => crypto.createHash('sha256').update(value).digest('base64url');
const scopesOf = (row: CredentialRow | undefined) => (row?.grantedScopes ?? '').split(/[\s,]+/).filter(Boolean);

function currentRow(cfg: OAuthClientConfig): CredentialRow | undefined {
  return getDb()
    .select()
    .from(credentials)
    .where(and(eq(credentials.environmentId, cfg.environment.id), eq(credentials.ownerKey, cfg.ownerKey)))
    .get();
}

function usable(row: CredentialRow | undefined, subjectHash: string | undefined, marginMs = EXPIRY_MARGIN_MS): AccessToken | undefined {
  if (!row?.tokens) return undefined;
  if (row.tokenExpiresAt !== null && row.tokenExpiresAt - marginMs <= Date.now()) return undefined;
  const tokens = openTokens(row)!;
  if (subjectHash !== undefined && tokens.subject_hash !== subjectHash) return undefined;
  return { accessToken: tokens.access_token, tokenType: tokens.token_type ?? 'bearer', expiresAt: row.tokenExpiresAt, scopes: scopesOf(row) };
}

/** What the owner should do about a failed token request, per grant. */
function adviceFor(cfg: OAuthClientConfig, expired: boolean): string {
  if (cfg.grant === 'authorization_code') return 'Reconnect to fix it.';
  if (expired) return 'Check the credentials, then use Test again.';
  return 'The provider may be down: Test again later, or check the token URL.';
}

/** A member who has to go through consent again; `reconnect` when they had connected before. */
export class MemberMustConnectError extends AppError {
  constructor(
    message: string,
    readonly reconnect: boolean,
  ) {
    super('member_must_connect', message);
  }
}

function mustConnect(cfg: OAuthClientConfig): AppError {
  return cfg.ownerKey === 'team'
    ? new AppError('conflict', `An admin has to connect "${cfg.appId}" (${cfg.env}) for the team first.`)
    : new MemberMustConnectError(`Connect "${cfg.appId}" (${cfg.env}) first.`, false);
}

/** Gets new tokens the way the grant allows: refresh for consented ones, a new request for the rest. */
async function fetchTokens(cfg: OAuthClientConfig, row: CredentialRow | undefined, subjectToken: string | undefined): Promise<TokenSet> {
  const stored = row ? openTokens(row) : undefined;
  switch (cfg.grant) {
    case 'authorization_code':
      if (!stored) throw mustConnect(cfg);
      if (!stored.refresh_token) throw new ProviderError('The access token expired and the provider gave no refresh token: reconnect.', 'invalid_grant');
      return refreshTokens(cfg, stored.refresh_token);
    case 'password':
      if (!cfg.username || !cfg.password) throw mustConnect(cfg);
      if (stored?.refresh_token) {
        try {
          return await refreshTokens(cfg, stored.refresh_token);
        } catch (e) {
          if (!(e instanceof ProviderError && e.oauthError === 'invalid_grant')) throw e;
        }
      }
      return passwordGrant(cfg);
    case 'client_credentials':
      return clientCredentials(cfg);
    case 'token_exchange':
      return tokenExchange(cfg, subjectToken!);
    case 'on_behalf_of':
      return onBehalfOf(cfg, subjectToken!);
    default:
      throw badInput(`The ${cfg.grant} grant is not fetched by the server.`);
  }
}

async function renew(cfg: OAuthClientConfig, subjectToken: string | undefined, subjectHash: string | undefined, force: boolean): Promise<AccessToken> {
  // Another caller (or process) may have refreshed while this one waited for its turn.
  const row = currentRow(cfg);
  const fresh = force ? undefined : usable(row, subjectHash);
  if (fresh) return fresh;
  let tokens: TokenSet;
  try {
    tokens = await fetchTokens(cfg, row, subjectToken);
  } catch (e) {
    if (row && e instanceof AppError && e.code === 'provider_failed') {
      const expired = e instanceof ProviderError && e.oauthError === 'invalid_grant';
      markTokenFailure(row, expired ? 'expired' : 'error', `${e.message} ${adviceFor(cfg, expired)}`, { actor: null, appId: cfg.appId, env: cfg.env });
      // A token that has not expired yet is still served while the provider is unwell.
      const stillValid = !force && usable(row, subjectHash, 0);
      if (stillValid) return stillValid;
      // A member's consent is gone (no refresh token, or it was refused): only reconnecting helps,
      // so they are sent to connect (SPEC §6: 428) rather than told the provider failed.
      if (expired && cfg.grant === 'authorization_code' && cfg.ownerKey !== 'team') {
        throw new MemberMustConnectError(`${e.message} Reconnect "${cfg.appId}" (${cfg.env}).`, true);
      }
    }
    throw e;
  }
  // Committed (with a rotated refresh token) before anyone gets the new access token.
  const saved = storeTokens({
    environmentId: cfg.environment.id,
    ownerKey: cfg.ownerKey,
    userId: cfg.ownerKey === 'team' ? null : cfg.ownerKey,
    tokens,
    extra: subjectHash ? { subject_hash: subjectHash } : undefined,
    actorLabel: 'system',
    settingsVersion: cfg.environment.settingsVersion,
  });
  return { accessToken: tokens.accessToken, tokenType: tokens.tokenType, expiresAt: tokens.expiresAt, scopes: scopesOf(saved) };
}

/**
 * A valid access token for one owner of an OAuth connection: the stored one while it has more
 * than a minute left, otherwise refreshed (or fetched again). Concurrent callers for the same
 * credential share one request to the provider.
 */
export async function obtainAccessToken(input: ObtainInput): Promise<AccessToken> {
  const cfg = loadClientConfig(input.appId, input.env, input.ownerKey);
  if (cfg.grant === 'direct_access') {
    if (!input.subjectToken) throw badInput('This connection passes the caller’s own sign-in token through: send it in the X-Subject-Token header.');
    return { accessToken: input.subjectToken, tokenType: 'bearer', expiresAt: null, scopes: [] };
  }
  const needsSubject = cfg.grant === 'token_exchange' || cfg.grant === 'on_behalf_of';
  if (needsSubject && !input.subjectToken) throw badInput('This connection exchanges the caller’s sign-in token: send it in the X-Subject-Token header.');
  const subjectHash = needsSubject ? hash(input.subjectToken!) : undefined;
  if (!input.forceRefresh) {
    const stored = usable(cfg.tokenRow?.ownerKey === cfg.ownerKey ? cfg.tokenRow : currentRow(cfg), subjectHash);
    if (stored) return stored;
  }
  const key = `${cfg.environment.id}:${cfg.ownerKey}:${subjectHash ?? ''}`;
  const inFlight = flights.get(key);
  if (inFlight) return inFlight;
  const flight = renew(cfg, input.subjectToken, subjectHash, Boolean(input.forceRefresh)).finally(() => flights.delete(key));
  flights.set(key, flight);
  return flight;
}
