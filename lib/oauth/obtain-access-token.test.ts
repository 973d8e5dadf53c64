import { and, eq, inArray, is, sql, Table } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { openTokens } from '@/lib/credentials/credential-secrets';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { getDb, rawRows } from '@/lib/db/client';
import * as schema from '@/lib/db/schema';
import { auditEvents, credentials as credentialRows, oauthStates } from '@/lib/db/schema';
import { env, resetEnvForTests } from '@/lib/env';
import { AppError, ERROR_STATUS } from '@/lib/errors';
import { resolveRuntimeCredentials } from '@/lib/runtime/resolve-runtime-credentials';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { CookieJar } from '@/test/oauth-test-helpers';
import type { UserActor } from '@/lib/auth/actor';
import { completeAuthorization, startAuthorization } from './authorization-code';
import { obtainAccessToken } from './obtain-access-token';
import { readOAuthOutcome } from './oauth-outcome';
import { testConnection } from './test-connection';

/** What the console page shows for the callback's answer: the sealed message opened, as the page does. */
function outcomeOf(path: string): string {
  const view = readOAuthOutcome(Object.fromEntries(new URL(path, 'http://console.invalid').searchParams));
  return view?.tone === 'error' ? `error: ${view.message}` : String(view?.tone);
}

// The whole token lifecycle against a real oidc-provider on 127.0.0.1 and a real SQLite file:
// consent (driven over HTTP through the provider's own login and consent pages), refresh with
// rotation, single-flight, failures. Nothing here is mocked.

let provider: OAuthServer;
const redirectUri = () => `${env().appUrl}/api/oauth/callback`;
beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: redirectUri() });
});
afterAll(() => provider.close());
afterEach(() => {
  provider.failTokenRequests(null);
  provider.setAccessTokenTtl(3600);
  delete process.env.OUTBOUND_TIMEOUT_MS;
  resetEnvForTests();
});

const admin = () => seedUser('admin');

async function connection(actor: UserActor, kind: string, type: 'team' | 'member', extra: Record<string, unknown> = {}) {
  const appId = uniqueAppId(kind.replace('oauth_auth_', '').slice(0, 12));
  await createConnection(actor, connectionSchema.parse({ app_id: appId, environments: { draft: { kind, type, ...extra } } }));
  return appId;
}

async function credentials(actor: UserActor, appId: string, kind: string, body: Record<string, unknown>) {
  const parsed = parseCredentialsInput(kind as never, body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  await setCredentials(actor, appId, 'draft', parsed.data);
}

function registerAuthCode(actor: UserActor, appId: string, client: 'basic' | 'post' = 'basic') {
  return credentials(actor, appId, 'oauth_auth_code_flow', {
    client_id: provider.clients[client].clientId,
    client_secret: provider.clients[client].clientSecret,
    authorization_url: provider.authorizationUrl(),
    token_url: provider.tokenUrl(),
    scope: 'openid,offline_access,api',
  });
}

const rowOf = async (appId: string, ownerKey: string) => findCredentialRow((await getEnvironment(appId, 'draft')).environment.id, ownerKey);
/** Makes the stored access tokens of these owners expired, as time passing would. */
const expireTokens = (...ownerKeys: string[]) => getDb().update(credentialRows).set({ tokenExpiresAt: Date.now() - 1_000 }).where(inArray(credentialRows.ownerKey, ownerKeys));
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
const tokenRequests = (grant: string) => provider.tokenRequests.filter((r) => r.body.grant_type === grant).length;

/**
 * Signs in and consents on the provider's pages (or denies), and returns the query the provider
 * sent back to the redirect URI.
 */
async function consent(authorizationUrl: string, outcome: 'allow' | 'deny' = 'allow', account = 'user-at-provider'): Promise<URLSearchParams> {
  const browser = new CookieJar();
  let location = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    if (location.startsWith(redirectUri())) return new URL(location).searchParams;
    const url = new URL(location, provider.issuer).href;
    let response: Response;
    const interaction = /\/interaction\/([^/?]+)$/.exec(new URL(url).pathname);
    if (interaction) {
      const page = await (await browser.get(url)).text();
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (outcome === 'deny' && prompt === 'consent') {
        response = await browser.get(`${url}/abort`);
      } else {
        const body = prompt === 'login' ? new URLSearchParams({ prompt, login: account, password: 'any' }) : new URLSearchParams({ prompt: prompt ?? 'consent' });
        response = await browser.get(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      }
    } else {
      response = await browser.get(url);
    }
    const next = response.headers.get('location');
    if (!next) throw new Error(`The provider stopped at ${url} with ${response.status}: ${(await response.text()).slice(0, 300)}`);
    location = next;
  }
  throw new Error('Too many redirects at the provider');
}

async function connectAuthCode(actor: UserActor, appId: string, forTeam: boolean) {
  const url = await startAuthorization(actor, { appId, env: 'draft', forTeam, returnTo: 'connection' });
  const params = await consent(url);
  return { url: new URL(url), params, outcome: await completeAuthorization(actor, params) };
}

describe('authorization code', () => {
  it('a member connects: PKCE S256 and the same redirect_uri, tokens stored encrypted for that member only', async () => {
    const builder = await admin();
    const [alice, bob] = await Promise.all([seedUser('member'), seedUser('member')]);
    const appId = await connection(builder, 'oauth_auth_code_flow', 'member');
    await registerAuthCode(builder, appId);
    const before = provider.tokenRequests.length;
    const { url, outcome } = await connectAuthCode(alice, appId, false);

    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri());
    expect(url.searchParams.get('scope')).toBe('openid offline_access api');
    expect(outcome).toBe(`/connections/${appId}?env=draft&oauth=connected`);
    const exchange = provider.tokenRequests.slice(before).find((r) => r.body.grant_type === 'authorization_code')!;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(exchange.body.code_verifier).digest('base64url')).toBe(url.searchParams.get('code_challenge'));
    expect(exchange.body.redirect_uri).toBe(url.searchParams.get('redirect_uri'));

    const own = (await rowOf(appId, alice.id))!;
    expect(own.status).toBe('connected');
    expect(own.hasRefreshToken).toBe(true);
    expect(own.grantedScopes).toContain('offline_access');
    expect((await rowOf(appId, 'team'))!.tokens).toBeNull();
    expect(await rowOf(appId, bob.id)).toBeUndefined();
    const issued = provider.tokenResponses.at(-1)!;
    expect(openTokens(own)).toMatchObject({ access_token: issued.access_token, refresh_token: issued.refresh_token });
    // Every row of every table, as stored: neither token in clear anywhere in the database.
    const everything = JSON.stringify(await Promise.all(Object.values(schema).filter((t) => is(t, Table)).map((t) => rawRows(sql`select * from ${t}`))));
    expect(everything).toContain(own.id);
    expect(everything.includes(String(issued.access_token))).toBe(false);
    expect(everything.includes(String(issued.refresh_token))).toBe(false);

    await expect(obtainAccessToken({ appId, env: 'draft', ownerKey: bob.id })).rejects.toMatchObject({ code: 'member_must_connect' });
  });

  it('state is single use, bound to the user who started, and checked before any token request', async () => {
    const builder = await admin();
    const [alice, mallory] = await Promise.all([seedUser('member'), seedUser('member')]);
    const appId = await connection(builder, 'oauth_auth_code_flow', 'member');
    await registerAuthCode(builder, appId);

    const first = await connectAuthCode(alice, appId, false);
    expect(first.outcome).toContain('oauth=connected');
    const exchanges = tokenRequests('authorization_code');
    expect(outcomeOf(await completeAuthorization(alice, first.params))).toMatch(/^error: .*already used/);

    const url = await startAuthorization(alice, { appId, env: 'draft', forTeam: false, returnTo: 'connection' });
    const stolen = await consent(url);
    expect(outcomeOf(await completeAuthorization(mallory, stolen))).toMatch(/^error: .*another user/);
    expect(await rowOf(appId, mallory.id)).toBeUndefined();
    // Neither another user nor a signed-out browser can use the state up: it stays for the user who
    // started the consent, who completes it once.
    expect(outcomeOf(await completeAuthorization(null, stolen))).toMatch(/^error: .*signed out/);
    expect(tokenRequests('authorization_code')).toBe(exchanges);
    expect(outcomeOf(await completeAuthorization(alice, stolen))).toBe('success');
    expect(outcomeOf(await completeAuthorization(alice, stolen))).toMatch(/^error: .*already used/);

    const forged = new URLSearchParams({ code: 'forged', state: 'never-issued' });
    expect(outcomeOf(await completeAuthorization(alice, forged))).toMatch(/^error: .*(already used|unknown)/);
    expect(tokenRequests('authorization_code')).toBe(exchanges + 1);
  });

  it('an expired state, an access_denied answer and a wrong iss store nothing', async () => {
    const builder = await admin();
    const carol = await seedUser('member');
    const appId = await connection(builder, 'oauth_auth_code_flow', 'member');
    await registerAuthCode(builder, appId);
    const exchanges = tokenRequests('authorization_code');

    const expiring = await startAuthorization(carol, { appId, env: 'draft', forTeam: false, returnTo: 'connection' });
    const late = await consent(expiring);
    await getDb().update(oauthStates).set({ expiresAt: Date.now() - 1 }).where(eq(oauthStates.userId, carol.id));
    expect(outcomeOf(await completeAuthorization(carol, late))).toMatch(/^error: .*expired/);

    const denied = await consent(await startAuthorization(carol, { appId, env: 'draft', forTeam: false, returnTo: 'connection' }), 'deny');
    expect(denied.get('error')).toBe('access_denied');
    expect(outcomeOf(await completeAuthorization(carol, denied))).toMatch(/^error: .*denied/i);

    // RFC 9207: the provider advertises `iss`, so an answer naming another issuer is refused.
    const mixup = await consent(await startAuthorization(carol, { appId, env: 'draft', forTeam: false, returnTo: 'connection' }));
    expect(mixup.get('iss')).toBe(provider.issuer);
    mixup.set('iss', 'https://attacker.example');
    expect(outcomeOf(await completeAuthorization(carol, mixup))).toMatch(/^error: .*issuer/);

    const missingIss = await consent(await startAuthorization(carol, { appId, env: 'draft', forTeam: false, returnTo: 'connection' }));
    missingIss.delete('iss');
    expect(outcomeOf(await completeAuthorization(carol, missingIss))).toMatch(/^error: .*issuer/);

    expect(tokenRequests('authorization_code')).toBe(exchanges);
    expect((await rowOf(appId, carol.id))?.tokens ?? null).toBeNull();
  });

  it('team connections: only admins connect, for the team; members may not start it', async () => {
    const builder = await admin();
    const member = await seedUser('member');
    const appId = await connection(builder, 'oauth_auth_code_flow', 'team');
    await registerAuthCode(builder, appId);
    await expect(startAuthorization(member, { appId, env: 'draft', forTeam: true, returnTo: 'connection' })).rejects.toMatchObject({ code: 'forbidden' });
    const { outcome } = await connectAuthCode(builder, appId, true);
    expect(outcome).toContain('oauth=connected');
    expect((await rowOf(appId, 'team'))!.tokens).not.toBeNull();
    expect(await rowOf(appId, builder.id)).toBeUndefined();
  });
});

describe('refresh', () => {
  it('a 1 s token is served while fresh, refreshed once less than a third of its life is left, and the rotated refresh token replaces the old one', async () => {
    const builder = await admin();
    const dana = await seedUser('member');
    const appId = await connection(builder, 'oauth_auth_code_flow', 'member');
    await registerAuthCode(builder, appId);
    provider.setAccessTokenTtl(1);
    await connectAuthCode(dana, appId, false);
    const before = openTokens((await rowOf(appId, dana.id))!)!;
    expect((await rowOf(appId, dana.id))!.tokenExpiresAt! - Date.now()).toBeLessThanOrEqual(1_000);

    const refreshes = tokenRequests('refresh_token');
    // Fresh from the provider: served as is, although it has less than the old fixed 60 s margin.
    if ((await rowOf(appId, dana.id))!.tokenExpiresAt! - Date.now() > 400) {
      expect((await obtainAccessToken({ appId, env: 'draft', ownerKey: dana.id })).accessToken).toBe(before.access_token);
      expect(tokenRequests('refresh_token')).toBe(refreshes);
    }
    await sleepUntil((await rowOf(appId, dana.id))!.tokenExpiresAt! - 300);
    const token = await obtainAccessToken({ appId, env: 'draft', ownerKey: dana.id });
    expect(tokenRequests('refresh_token')).toBe(refreshes + 1);
    expect(provider.tokenRequests.at(-1)!.body.refresh_token).toBe(before.refresh_token);

    // Stored before the caller got the token: the database already holds the rotated one.
    const after = openTokens((await rowOf(appId, dana.id))!)!;
    expect(token.accessToken).toBe(after.access_token);
    expect(token.accessToken).not.toBe(before.access_token);
    expect(after.refresh_token).toBe(provider.tokenResponses.at(-1)!.refresh_token);
    expect(after.refresh_token).not.toBe(before.refresh_token);

    // The rotated token works, and the old one is dead at the provider.
    provider.setAccessTokenTtl(3600);
    await sleepUntil((await rowOf(appId, dana.id))!.tokenExpiresAt! - 300);
    const again = await obtainAccessToken({ appId, env: 'draft', ownerKey: dana.id });
    expect(again.accessToken).not.toBe(token.accessToken);
    expect((await rowOf(appId, dana.id))!.status).toBe('connected');
  });

  it('200 concurrent callers of an expired token cause exactly one refresh, and all get the same token', async () => {
    const builder = await admin();
    const erin = await seedUser('member');
    const appId = await connection(builder, 'oauth_auth_code_flow', 'member');
    await registerAuthCode(builder, appId);
    await connectAuthCode(erin, appId, false);
    await expireTokens(erin.id);

    const refreshes = tokenRequests('refresh_token');
    const tokens = await Promise.all(Array.from({ length: 200 }, () => obtainAccessToken({ appId, env: 'draft', ownerKey: erin.id })));
    expect(tokenRequests('refresh_token')).toBe(refreshes + 1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    // With rotation, a second refresh with the same token would have been refused as a replay.
    expect((await rowOf(appId, erin.id))!.status).toBe('connected');
    expect(openTokens((await rowOf(appId, erin.id))!)!.access_token).toBe(tokens[0].accessToken);
  });

  it.each([
    // invalid_grant: the member's consent is gone, so they are sent to reconnect (428).
    ['invalid_grant', 'expired', 'member_must_connect', /invalid_grant/],
    ['status500', 'error', 'provider_failed', /500|without JSON/],
    ['html', 'error', 'provider_failed', /without JSON/],
    ['hang', 'error', 'provider_failed', /did not answer within/],
  ] as const)('a refresh that fails (%s) marks the credential %s, keeps the tokens, audits, and throws %s', async (mode, status, code, message) => {
    const builder = await admin();
    const fay = await seedUser('member');
    const appId = await connection(builder, 'oauth_auth_code_flow', 'member');
    await registerAuthCode(builder, appId);
    await connectAuthCode(fay, appId, false);
    await expireTokens(fay.id);
    const stored = (await rowOf(appId, fay.id))!.tokens;

    process.env.OUTBOUND_TIMEOUT_MS = '400';
    resetEnvForTests();
    provider.failTokenRequests(mode);
    const e = await obtainAccessToken({ appId, env: 'draft', ownerKey: fay.id }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    expect((e as AppError).message).toMatch(message);
    const row = (await rowOf(appId, fay.id))!;
    expect(row.status).toBe(status);
    expect(row.statusMessage).toMatch(message);
    expect(row.statusMessage).toMatch(/[Rr]econnect/);
    expect(row.statusMessage).not.toContain(provider.clients.basic.clientSecret);
    expect(row.tokens).toBe(stored);
    const audit = await getDb()
      .select({ outcome: auditEvents.outcome, actorLabel: auditEvents.actorLabel })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'oauth.refresh_failed'), eq(auditEvents.target, appId)));
    expect(audit).toHaveLength(1);
    expect(audit[0].outcome).toBe('failure');
    // A background refresh is nobody's action: its actor is "system".
    expect(audit[0].actorLabel).toBe('system');
  });
});

describe('a member whose consent is gone', () => {
  const failureOf = async (run: () => unknown): Promise<AppError | undefined> => {
    try {
      await run();
      return undefined;
    } catch (e) {
      return e as AppError;
    }
  };

  it('no refresh token: runtime credentials answer 428 with connect_url, and the credential is marked expired', async () => {
    const builder = await admin();
    const gil = await seedUser('member');
    const appId = await connection(builder, 'oauth_auth_code_flow', 'member');
    // Without offline_access the provider issues no refresh token.
    await credentials(builder, appId, 'oauth_auth_code_flow', { client_id: provider.clients.basic.clientId, client_secret: provider.clients.basic.clientSecret, authorization_url: provider.authorizationUrl(), token_url: provider.tokenUrl(), scope: 'openid,api' });
    await connectAuthCode(gil, appId, false);
    expect((await rowOf(appId, gil.id))!.hasRefreshToken).toBe(false);
    await expireTokens(gil.id);
    const requests = provider.tokenRequests.length;

    const e = await failureOf(() => resolveRuntimeCredentials({ ...gil, via: 'api_key' }, { appId, env: 'draft' }));
    expect(e).toBeInstanceOf(AppError);
    expect(e!.code).toBe('member_must_connect');
    expect(ERROR_STATUS[e!.code]).toBe(428);
    expect(e!.extra?.connect_url).toBe(`${env().appUrl}/connections/${appId}/connect?env=draft`);
    expect(e!.message).toMatch(/reconnect.*no refresh token/i);
    expect(provider.tokenRequests.length).toBe(requests);
    const row = (await rowOf(appId, gil.id))!;
    expect(row.status).toBe('expired');
    expect(row.statusMessage).toMatch(/no refresh token.*[Rr]econnect/);
  });

  it('a refused refresh (invalid_grant): 428 with connect_url for the member; the team still gets provider_failed', async () => {
    const builder = await admin();
    const hal = await seedUser('member');
    const memberApp = await connection(builder, 'oauth_auth_code_flow', 'member');
    await registerAuthCode(builder, memberApp);
    await connectAuthCode(hal, memberApp, false);
    const teamApp = await connection(builder, 'oauth_auth_code_flow', 'team');
    await registerAuthCode(builder, teamApp);
    await connectAuthCode(builder, teamApp, true);
    await expireTokens(hal.id, 'team');
    provider.failTokenRequests('invalid_grant');

    const member = await failureOf(() => resolveRuntimeCredentials({ ...hal, via: 'api_key' }, { appId: memberApp, env: 'draft' }));
    expect(member).toMatchObject({ code: 'member_must_connect', extra: { connect_url: `${env().appUrl}/connections/${memberApp}/connect?env=draft` } });
    expect(member!.message).toMatch(/revoked by the provider/);
    expect((await rowOf(memberApp, hal.id))!.status).toBe('expired');

    const team = await failureOf(() => resolveRuntimeCredentials(builder, { appId: teamApp, env: 'draft' }));
    expect(team?.code).toBe('provider_failed');
    expect((await rowOf(teamApp, 'team'))!.status).toBe('expired');
  });
});

describe('the Test action', () => {
  it('the Test action returns status, scopes and expiry, never the token', async () => {
    const builder = await admin();
    const appId = await connection(builder, 'oauth_auth_client_credentials_flow', 'team');
    await credentials(builder, appId, 'oauth_auth_client_credentials_flow', { client_id: provider.clients.basic.clientId, client_secret: provider.clients.basic.clientSecret, token_url: provider.tokenUrl(), scope: 'api' });
    const result = await testConnection(builder, { appId, env: 'draft' });
    expect(result).toMatchObject({ status: 'connected', scopes: ['api'] });
    expect(result.expiresAt).toBeGreaterThan(Date.now());
    const stored = openTokens((await rowOf(appId, 'team'))!)!;
    expect(JSON.stringify(result)).not.toContain(stored.access_token);
    await expect(testConnection(await seedUser('member'), { appId, env: 'draft' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
