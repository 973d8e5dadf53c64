import 'server-only';
import { signInAccessToken } from '@/lib/auth/oidc/sign-in-tokens';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { openTokens } from '@/lib/credentials/credential-secrets';
import { getDb } from '@/lib/db/client';
import { credentials, type CredentialRow } from '@/lib/db/schema';
import type { EnvName } from '@/lib/connections/kinds';
import { AppError, badInput } from '@/lib/errors';
import { blockedUntil, recordRefreshFailure, refreshMarginMs } from '@/lib/health/failure-state';
import { releaseLease, takeLease } from '@/lib/health/leases';
import { metrics } from '@/lib/health/metrics';
import { loadClientConfig, type OAuthClientConfig } from './client-config';
import { clientCredentials, onBehalfOf, passwordGrant, refreshTokens, tokenExchange } from './grants';
import { ProviderError, type TokenSet } from './token-endpoint';
import { storeTokens } from './token-store';
import { outboundTimeoutMs } from './outbound';

export type AccessToken = { accessToken: string; tokenType: string; expiresAt: number | null; scopes: string[] };
export type ObtainInput = {
  appId: string;
  env: EnvName;
  ownerKey: string;
  subjectToken?: string;
  /** Test and `POST …/refresh`: a new token now, past any cooldown or exhaustion. */
  forceRefresh?: boolean;
  /** The background sweep: renew when the token expires within this many ms (instead of the margin). */
  renewWithinMs?: number;
};

/** How often a caller waiting on another process's refresh re-reads the stored token. */
const WAIT_POLL_MS = 50;

// One refresh per credential at a time in this process: concurrent callers share the promise.
// Across processes the lease in the database (lib/health/leases.ts) does the same.
const globalForFlights: { __tokenFlights?: Map<string, Promise<AccessToken>> } & typeof globalThis = globalThis;
const flights = (globalForFlights.__tokenFlights ??= new Map());

const hash = (value: string) => crypto.createHash('sha256').update(value).digest('base64url');
const scopesOf = (row: CredentialRow | undefined) => (row?.grantedScopes ?? '').split(/[\s,]+/).filter(Boolean);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function currentRow(cfg: OAuthClientConfig): Promise<CredentialRow | undefined> {
  const [row] = await getDb()
    .select()
    .from(credentials)
    .where(and(eq(credentials.environmentId, cfg.environment.id), eq(credentials.ownerKey, cfg.ownerKey)))
    .limit(1);
  return row;
}

/** The stored token when it has more than `marginMs` left (default: min(60 s, a third of its life)). */
function usable(row: CredentialRow | undefined, subjectHash: string | undefined, marginMs?: number): AccessToken | undefined {
  if (!row?.tokens) return undefined;
  const margin = marginMs ?? refreshMarginMs(row);
  if (row.tokenExpiresAt !== null && row.tokenExpiresAt - margin <= Date.now()) return undefined;
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

/** Sends the token request, counted and timed for the metrics. */
async function timedFetch(cfg: OAuthClientConfig, row: CredentialRow | undefined, subjectToken: string | undefined): Promise<TokenSet> {
  const m = metrics();
  const stop = m.refreshSeconds.startTimer({ grant: cfg.grant });
  try {
    const tokens = await fetchTokens(cfg, row, subjectToken);
    m.tokenRequests.inc({ grant: cfg.grant, outcome: 'success' });
    return tokens;
  } catch (e) {
    // No request was sent when the owner has nothing to refresh with.
    if (!(e instanceof AppError && (e.code === 'member_must_connect' || e.code === 'conflict'))) m.tokenRequests.inc({ grant: cfg.grant, outcome: 'failure' });
    throw e;
  } finally {
    stop();
  }
}

const refOf = (cfg: OAuthClientConfig) => ({ appId: cfg.appId, env: cfg.env, kind: cfg.kind });

/** The error a failed credential answers with, from its stored failure state. */
function storedFailure(cfg: OAuthClientConfig, row: CredentialRow): AppError {
  const consentGone = row.status === 'expired';
  const message = row.statusMessage ?? row.lastFailureMessage ?? 'The last token request failed.';
  if (consentGone && cfg.grant === 'authorization_code' && cfg.ownerKey !== 'team') return new MemberMustConnectError(message, true);
  const retry = blockedUntil(row);
  const when = Number.isFinite(retry) ? ` The next try is after ${new Date(retry).toISOString()}.` : '';
  return new ProviderError(`${message}${when}`, row.lastFailureCode ?? undefined);
}

/** In a cooldown (or exhausted): the still-valid token, else the stored failure at once. */
function duringCooldown(cfg: OAuthClientConfig, row: CredentialRow, subjectHash: string | undefined): AccessToken {
  const stillValid = usable(row, subjectHash, 0);
  if (stillValid) return stillValid;
  throw storedFailure(cfg, row);
}

/** The token request itself, made by the lease holder only. */
async function refreshUnderLease(cfg: OAuthClientConfig, row: CredentialRow | undefined, subjectToken: string | undefined, subjectHash: string | undefined, force: boolean): Promise<AccessToken> {
  let tokens: TokenSet;
  try {
    tokens = await timedFetch(cfg, row, subjectToken);
  } catch (e) {
    if (row && e instanceof AppError && e.code === 'provider_failed') {
      const expired = e instanceof ProviderError && e.oauthError === 'invalid_grant';
      const code = (e instanceof ProviderError && e.oauthError) || 'provider_failed';
      await recordRefreshFailure(row.id, { code, message: `${e.message} ${adviceFor(cfg, expired)}`, expired }, { ...refOf(cfg), userId: row.userId });
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
  const saved = await storeTokens({
    environmentId: cfg.environment.id,
    ownerKey: cfg.ownerKey,
    userId: cfg.ownerKey === 'team' ? null : cfg.ownerKey,
    tokens,
    extra: subjectHash ? { subject_hash: subjectHash } : undefined,
    actorLabel: 'system',
    settingsVersion: cfg.environment.settingsVersion,
    ref: refOf(cfg),
  });
  return { accessToken: tokens.accessToken, tokenType: tokens.tokenType, expiresAt: tokens.expiresAt, scopes: scopesOf(saved) };
}

/** A lease long enough for the slowest token request (two requests for password and on-behalf-of). */
const leaseTtlMs = () => outboundTimeoutMs() * 2 + 5_000;

/**
 * Renews one credential's token, once across every process on the database: the holder of the
 * `refresh:<credential>` lease sends the request and commits; everyone else re-reads the stored
 * row until a newer token (or a recorded failure) is there, or the holder's lease runs out.
 */
async function renew(cfg: OAuthClientConfig, input: ObtainInput, subjectHash: string | undefined): Promise<AccessToken> {
  const force = Boolean(input.forceRefresh);
  let row = await currentRow(cfg);
  // The token that needed renewing: any other one stored meanwhile came fresh from the provider.
  const seen = row?.tokens ?? null;
  const lease = `refresh:${row?.id ?? `${cfg.environment.id}:${cfg.ownerKey}`}${subjectHash ? `:${subjectHash}` : ''}`;
  const needsRenewal = (r: CredentialRow | undefined): AccessToken | undefined => {
    if (r?.tokens && r.tokens !== seen) return usable(r, subjectHash, 0);
    if (force) return undefined;
    return input.renewWithinMs === undefined ? usable(r, subjectHash) : usable(r, subjectHash, input.renewWithinMs);
  };
  for (;;) {
    const done = needsRenewal(row);
    if (done) return done;
    if (!force && row && blockedUntil(row) > Date.now()) return duringCooldown(cfg, row, subjectHash);
    if (await takeLease(lease, leaseTtlMs())) {
      try {
        // Re-read under the lease: a holder may have committed between the last read and now.
        row = await currentRow(cfg);
        const landed = needsRenewal(row);
        if (landed) return landed;
        if (!force && row && blockedUntil(row) > Date.now()) return duringCooldown(cfg, row, subjectHash);
        return await refreshUnderLease(cfg, row, input.subjectToken, subjectHash, force);
      } finally {
        await releaseLease(lease);
      }
    }
    await sleep(WAIT_POLL_MS);
    row = await currentRow(cfg);
  }
}

/**
 * A valid access token for one owner of an OAuth connection: the stored one while it has more than
 * min(60 s, a third of its lifetime) left, otherwise refreshed (or fetched again). Concurrent callers
 * for the same credential, in this process or any other on the database, share one request to the
 * provider; a failing credential is not asked again before its cooldown is over.
 */
export async function obtainAccessToken(given: ObtainInput): Promise<AccessToken> {
  const cfg = await loadClientConfig(given.appId, given.env, given.ownerKey);
  // Without X-Subject-Token, the member's own token from their last identity-provider sign-in (issue 15).
  const usesSubject = cfg.grant === 'direct_access' || cfg.grant === 'token_exchange' || cfg.grant === 'on_behalf_of';
  const input = usesSubject && !given.subjectToken && given.ownerKey !== 'team' ? { ...given, subjectToken: await signInAccessToken(given.ownerKey) } : given;
  if (cfg.grant === 'direct_access') {
    if (!input.subjectToken) throw badInput('This connection passes the caller’s own sign-in token through: send it in the X-Subject-Token header.');
    return { accessToken: input.subjectToken, tokenType: 'bearer', expiresAt: null, scopes: [] };
  }
  const needsSubject = cfg.grant === 'token_exchange' || cfg.grant === 'on_behalf_of';
  if (needsSubject && !input.subjectToken) throw badInput('This connection exchanges the caller’s sign-in token: send it in the X-Subject-Token header.');
  const subjectHash = needsSubject ? hash(input.subjectToken!) : undefined;
  if (!input.forceRefresh) {
    const row = cfg.tokenRow?.ownerKey === cfg.ownerKey ? cfg.tokenRow : await currentRow(cfg);
    const stored = usable(row, subjectHash, input.renewWithinMs);
    if (stored) return stored;
    // A failing credential in its cooldown answers at once, without a lease or a request.
    if (row && blockedUntil(row) > Date.now()) return duringCooldown(cfg, row, subjectHash);
  }
  const key = `${cfg.environment.id}:${cfg.ownerKey}:${subjectHash ?? ''}:${input.forceRefresh ? 'force' : ''}`;
  const inFlight = flights.get(key);
  if (inFlight) return inFlight;
  const flight = renew(cfg, input, subjectHash).finally(() => flights.delete(key));
  flights.set(key, flight);
  return flight;
}
