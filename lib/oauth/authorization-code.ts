import 'server-only';
import crypto from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import * as oauth from 'oauth4webapi';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { deny, isAdmin, type UserActor } from '@/lib/auth/actor';
import type { EnvName } from '@/lib/connections/kinds';
import { decryptJson, encryptJson } from '@/lib/crypto/secret-box';
import { oauthStatePayloadContext } from '@/lib/crypto/sealing-contexts';
import { writeTransaction } from '@/lib/db/client';
import { oauthStates } from '@/lib/db/schema';
import { env as appEnv } from '@/lib/env';
import { badInput, isAppError } from '@/lib/errors';
import { findEnvironmentRow, loadClientConfig } from './client-config';
import { discoverProvider } from './discovery';
import { withExplanation } from './explain-oauth-error';
import { exchangeCode } from './grants';
import { withOAuthOutcome } from './oauth-outcome';
import { MAX_PROVIDER_ERROR_CODE, providerText } from './provider-text';
import { assertOutboundUrl } from './outbound';
import { storeTokens } from './token-store';

const STATE_TTL_MS = 10 * 60_000;
// `link:<id>`: the done page of a connect link (lib/connect-links), which checks the outcome itself.
export type ReturnTo = 'connection' | 'connect' | `link:${string}`;
type StatePayload = { codeVerifier: string; redirectUri: string; scope: string; appId: string; env: EnvName };

export const redirectUri = () => `${appEnv().appUrl}/api/oauth/callback`;
const hashState = (state: string) => crypto.createHash('sha256').update(state).digest('base64url');

/** The console page to come back to: only ever this console's own paths. */
function pageFor(appId: string, env: EnvName, returnTo: ReturnTo): string {
  const base = `/connections/${encodeURIComponent(appId)}`;
  if (returnTo.startsWith('link:')) return `/connect-links/done/${encodeURIComponent(returnTo.slice(5))}`;
  return returnTo === 'connect' ? `${base}/connect?env=${env}` : `${base}?env=${env}`;
}

/**
 * Starts consent: a state (stored hashed, single use, bound to this user, 10 minutes) and a PKCE
 * S256 pair, then the provider's authorization URL with the scopes and the auth_entries.
 */
export async function startAuthorization(actor: UserActor, input: { appId: string; env: EnvName; forTeam: boolean; returnTo: ReturnTo }): Promise<string> {
  const environment = await findEnvironmentRow(input.appId, input.env);
  const isTeam = environment.type === 'team';
  if (isTeam && !isAdmin(actor)) throw deny(actor, 'Only admins connect a team connection.');
  if (input.forTeam && !isTeam) throw badInput('This is a member connection: each member connects for themself.');
  const ownerKey = isTeam ? 'team' : actor.id;
  const cfg = await loadClientConfig(input.appId, input.env, ownerKey);
  if (cfg.grant !== 'authorization_code') throw badInput('Only authorization code connections go through a consent page.');
  if (!cfg.authorizationUrl) throw badInput('The authorization URL is not set.');
  const authorizationUrl = assertOutboundUrl(cfg.authorizationUrl, 'authorization_url');
  assertOutboundUrl(cfg.tokenUrl, 'token_url');

  const state = oauth.generateRandomState();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const stateHash = hashState(state);
  const payload: StatePayload = { codeVerifier, redirectUri: redirectUri(), scope: cfg.scope, appId: input.appId, env: input.env };
  const sealedPayload = encryptJson(payload, oauthStatePayloadContext(stateHash));
  await writeTransaction(async (tx) => {
    // A new start replaces this user's unfinished consent for the same environment.
    await tx.delete(oauthStates).where(and(eq(oauthStates.userId, actor.id), eq(oauthStates.environmentId, environment.id)));
    await tx
      .insert(oauthStates)
      .values({ stateHash, userId: actor.id, environmentId: environment.id, ownerKey, payload: sealedPayload, returnTo: input.returnTo, expiresAt: Date.now() + STATE_TTL_MS });
  });

  for (const entry of cfg.authEntries) authorizationUrl.searchParams.set(entry.key, entry.value);
  const params = authorizationUrl.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', cfg.clientId);
  params.set('redirect_uri', payload.redirectUri);
  if (cfg.scope) params.set('scope', cfg.scope);
  params.set('state', state);
  params.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  params.set('code_challenge_method', 'S256');
  // Providers only issue a refresh token for offline_access when consent is asked for explicitly.
  if (/(^|[\s,])offline_access([\s,]|$)/.test(cfg.scope) && !params.has('prompt')) params.set('prompt', 'consent');
  await recordAuditEvent({ actor, action: 'oauth.authorize', targetType: 'oauth', target: input.appId, env: input.env, detail: { owner: isTeam ? 'team' : 'member' } });
  return authorizationUrl.href;
}

/**
 * Takes the state row (single use: read and deleted in one transaction), but only for the user who
 * started the consent: anyone else (or a signed-out browser) presenting it leaves it in place, so a
 * leaked or planted callback URL cannot burn another user's consent. `owned: false` says so.
 */
function takeState(state: string, actorId: string | null) {
  const stateHash = hashState(state);
  return writeTransaction(async (tx) => {
    const [row] = await tx.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash)).limit(1);
    const owned = Boolean(row && actorId && row.userId === actorId);
    if (owned) await tx.delete(oauthStates).where(and(eq(oauthStates.stateHash, stateHash), eq(oauthStates.userId, actorId as string)));
    await tx.delete(oauthStates).where(lt(oauthStates.expiresAt, Date.now()));
    return row ? { ...row, stateHash, owned } : undefined;
  });
}

function describeProviderError(params: URLSearchParams, sent: { redirectUri: string; scope: string }): string {
  const error = providerText(params.get('error'), MAX_PROVIDER_ERROR_CODE) || 'error';
  const description = providerText(params.get('error_description')) || undefined;
  const message = error === 'access_denied' ? `Access was denied at the provider${description ? `: ${description}` : ''}.` : `The provider answered ${error}${description ? `: ${description}` : ''}.`;
  return withExplanation(message, error, { ...sent, description });
}

/**
 * Completes consent: checks the state (exists, not used, not expired, same user), the provider's
 * answer and `iss` when advertised, exchanges the code with the same redirect_uri, stores the
 * tokens. Returns where to send the browser: always a page of this console.
 */
export async function completeAuthorization(actor: UserActor | null, params: URLSearchParams): Promise<string> {
  const fallback = '/connections';
  const state = params.get('state');
  if (!state) return withOAuthOutcome(fallback, { ok: false, message: 'The provider’s answer carried no state, so it cannot be trusted. Start again from the connection page.' });
  const row = await takeState(state, actor?.id ?? null);
  if (!row) return withOAuthOutcome(fallback, { ok: false, message: 'This consent answer is unknown or was already used. Start again from the connection page.' });
  const payload = decryptJson<StatePayload>(row.payload, oauthStatePayloadContext(row.stateHash));
  const page = pageFor(payload.appId, payload.env, row.returnTo === 'connect' || /^link:[0-9a-f-]{36}$/.test(row.returnTo) ? (row.returnTo as ReturnTo) : 'connection');
  const fail = async (message: string, reason: string) => {
    await recordAuditEvent({ actor, action: 'oauth.connect', targetType: 'oauth', target: payload.appId, env: payload.env, outcome: 'failure', detail: { reason } });
    return withOAuthOutcome(page, { ok: false, message });
  };
  if (!actor) return fail('You were signed out during the consent. Sign in and start again from the connection page.', 'signed_out');
  if (!row.owned || actor.id !== row.userId) return fail('This consent was started by another user. Start again from the connection page.', 'foreign_state');
  if (row.expiresAt < Date.now()) return fail('This consent took longer than 10 minutes and expired. Start again.', 'expired_state');
  if (params.get('error')) return fail(describeProviderError(params, payload), providerText(params.get('error'), MAX_PROVIDER_ERROR_CODE) || 'provider_error');
  const code = params.get('code');
  if (!code) return fail('The provider’s answer carried no authorization code.', 'no_code');
  try {
    const cfg = await loadClientConfig(payload.appId, payload.env, row.ownerKey);
    const metadata = await discoverProvider(cfg.tokenUrl);
    if (metadata?.authorization_response_iss_parameter_supported && params.get('iss') !== metadata.issuer) {
      return fail('The answer did not come from the expected provider (issuer mismatch).', 'iss_mismatch');
    }
    const tokens = await exchangeCode(cfg, code, payload.codeVerifier, payload.redirectUri);
    await storeTokens({
      environmentId: row.environmentId,
      ownerKey: row.ownerKey,
      userId: row.ownerKey === 'team' ? null : row.ownerKey,
      tokens: { ...tokens, scope: tokens.scope ?? payload.scope },
      actorLabel: actor.email,
      settingsVersion: cfg.environment.settingsVersion,
      ref: { appId: payload.appId, env: payload.env, kind: cfg.kind },
    });
    await recordAuditEvent({ actor, action: 'oauth.connect', targetType: 'oauth', target: payload.appId, env: payload.env, detail: { owner: row.ownerKey === 'team' ? 'team' : 'member' } });
    return withOAuthOutcome(page, { ok: true });
  } catch (e) {
    if (isAppError(e)) return fail(`The code exchange failed: ${e.message}`, e.code);
    throw e;
  }
}

