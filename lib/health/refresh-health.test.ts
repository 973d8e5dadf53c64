import { count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { openTokens } from '@/lib/credentials/credential-secrets';
import { getDb } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { obtainAccessToken } from '@/lib/oauth/obtain-access-token';
import { resolveRuntimeCredentials } from '@/lib/runtime/resolve-runtime-credentials';
import { seedUser } from '@/test/db-fixtures';
import { createWebhookEndpoint } from '@/lib/webhooks/endpoints';
import { startWebhookWorker } from '@/lib/webhooks/worker';
import { EXHAUSTED_AFTER_MS, REFRESH_EXHAUSTED } from './failure-state';
import { forceRefresh } from './force-refresh';
import { metricsText } from './metrics';
import { connectedAuthCode, credentialRow, redirectUri, startWebhookReceiver, waitFor } from '@/test/oauth-test-helpers';
import { sweepOnce } from './sweep';

// Refresh health against the real oidc-provider (refresh-token rotation on) and a real SQLite file.

let provider: OAuthServer;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let worker: { stop: () => void };
beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: redirectUri() });
  receiver = await startWebhookReceiver();
  worker = startWebhookWorker();
});
afterAll(async () => {
  worker.stop();
  await receiver.close();
  await provider.close();
});
afterEach(() => {
  provider.failTokenRequests(null);
  provider.setAccessTokenTtl(3600);
  provider.setTokenDelayMs(0);
});

const refreshes = () => provider.tokenRequests.filter((r) => r.body.grant_type === 'refresh_token').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Moves a stored token's clock: issued and expiring `shiftMs` earlier, as if that time had passed. */
const age = (id: string, shiftMs: number) =>
  getDb()
    .update(credentials)
    .set({ tokenIssuedAt: sql`${credentials.tokenIssuedAt} - ${shiftMs}`, tokenExpiresAt: sql`${credentials.tokenExpiresAt} - ${shiftMs}` })
    .where(eq(credentials.id, id));
/** Sets columns of one stored credential, as if time had passed or a state had been reached. */
const patch = (id: string, values: Partial<typeof credentials.$inferInsert>) => getDb().update(credentials).set(values).where(eq(credentials.id, id));

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a failure');
}

describe('refresh margin from the token lifetime', () => {
  it('a 65 s token is served until less than a third of its life is left (not refreshed at once as with a fixed 60 s margin)', async () => {
    const admin = await seedUser('admin');
    provider.setAccessTokenTtl(65);
    const appId = await connectedAuthCode(provider, admin, 'team');
    const row = await credentialRow(appId, 'team');
    const first = openTokens(row)!.access_token;
    const before = refreshes();

    await age(row.id, 30_000); // 35 s left: more than 65/3 s
    expect((await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' })).accessToken).toBe(first);
    expect(refreshes()).toBe(before);

    await age(row.id, 15_000); // 20 s left: less than 65/3 s
    const renewed = await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    expect(refreshes()).toBe(before + 1);
    expect(renewed.accessToken).not.toBe(first);
  });

  it('a 3 s token: 40 concurrent callers get the fresh token, one refresh per expiry, three rounds in a row', async () => {
    const admin = await seedUser('admin');
    provider.setAccessTokenTtl(3);
    const appId = await connectedAuthCode(provider, admin, 'team');
    provider.setTokenDelayMs(200);
    for (let round = 0; round < 3; round++) {
      const row = await credentialRow(appId, 'team');
      // Fresh: served as is to everyone.
      const served = await Promise.all(Array.from({ length: 40 }, () => obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' })));
      expect(new Set(served.map((t) => t.accessToken))).toEqual(new Set([openTokens(row)!.access_token]));
      await sleep(Math.max(0, row.tokenExpiresAt! - 900 - Date.now()));
      const before = refreshes();
      const tokens = await Promise.all(Array.from({ length: 40 }, () => obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' })));
      expect(refreshes()).toBe(before + 1);
      expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
      expect(tokens[0].accessToken).toBe(openTokens(await credentialRow(appId, 'team'))!.access_token);
    }
  });
});

describe('failure state and cooldown', () => {
  it('provider down: one request per cooldown (30 s, then 60 s), the still-valid token meanwhile, then 502 at once; recovery is announced by a signed webhook', async () => {
    const admin = await seedUser('admin');
    const { secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: ['credential.refresh_failed', 'credential.recovered'] });
    receiver.setSecret(secret);
    const appId = await connectedAuthCode(provider, admin, 'team');
    const row = await credentialRow(appId, 'team');
    const valid = openTokens(row)!.access_token;
    await patch(row.id, { tokenExpiresAt: Date.now() + 20_000, tokenIssuedAt: Date.now() - 3_580_000 });
    provider.failTokenRequests('status500');
    const before = provider.tokenRequests.length;

    // Still valid for 20 s: served although the refresh failed, and for every call in the cooldown.
    for (let i = 0; i < 10; i++) expect((await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' })).accessToken).toBe(valid);
    expect(provider.tokenRequests.length).toBe(before + 1);
    let failed = await credentialRow(appId, 'team');
    expect(failed).toMatchObject({ status: 'error', consecutiveFailures: 1, lastFailureCode: 'provider_failed' });
    expect(failed.nextRetryAt! - failed.lastFailureAt!).toBe(30_000);
    expect(failed.lastSuccessAt).not.toBeNull();

    // Expired now: 502 at once, without calling the provider.
    await patch(row.id, { tokenExpiresAt: Date.now() - 1_000 });
    const calls = await Promise.all(Array.from({ length: 20 }, () => failure(() => obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' }))));
    expect(calls.every((e) => e.code === 'provider_failed')).toBe(true);
    expect(calls[0].message).toMatch(/next try is after/);
    expect(provider.tokenRequests.length).toBe(before + 1);

    // The cooldown is over: one more request, and the next cooldown is twice as long.
    await patch(row.id, { nextRetryAt: Date.now() - 1 });
    await Promise.all(Array.from({ length: 20 }, () => failure(() => obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' }))));
    expect(provider.tokenRequests.length).toBe(before + 2);
    failed = await credentialRow(appId, 'team');
    expect(failed.consecutiveFailures).toBe(2);
    expect(failed.nextRetryAt! - failed.lastFailureAt!).toBe(60_000);

    // The provider is back: after the cooldown the refresh succeeds and `credential.recovered` goes out.
    provider.failTokenRequests(null);
    await patch(row.id, { nextRetryAt: Date.now() - 1 });
    const back = await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    expect(back.accessToken).not.toBe(valid);
    expect(await credentialRow(appId, 'team')).toMatchObject({ status: 'connected', consecutiveFailures: 0, nextRetryAt: null, failingSince: null });
    const recovered = await waitFor('credential.recovered', () => receiver.received.find((r) => r.json.event === 'credential.recovered' && r.json.data.app_id === appId));
    expect(recovered.signatureValid).toBe(true);
    expect(recovered.json.data).toMatchObject({ app_id: appId, env: 'draft', owner: 'team', kind: 'oauth_auth_code_flow', outcome: 'success' });
    // One refresh_failed for the run of failures, not one per failure.
    expect(receiver.received.filter((r) => r.json.event === 'credential.refresh_failed' && r.json.data.app_id === appId)).toHaveLength(1);
    for (const r of receiver.received) {
      expect(r.body).not.toContain(valid);
      expect(r.body).not.toContain(provider.clients.basic.clientSecret);
    }
  });

  it('a member whose refresh is refused gets 428 at once during the cooldown, and member.must_reconnect is sent', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const { secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: ['member.must_reconnect'] });
    receiver.setSecret(secret);
    const appId = await connectedAuthCode(provider, admin, 'member', member);
    await getDb().update(credentials).set({ tokenExpiresAt: Date.now() - 1_000 }).where(eq(credentials.ownerKey, member.id));
    provider.failTokenRequests('invalid_grant');
    const before = provider.tokenRequests.length;
    for (let i = 0; i < 5; i++) {
      const e = await failure(async () => resolveRuntimeCredentials({ ...member, via: 'api_key' }, { appId, env: 'draft' }));
      expect(e.code).toBe('member_must_connect');
      expect(e.extra?.connect_url).toContain(`/connections/${appId}/connect`);
    }
    expect(provider.tokenRequests.length).toBe(before + 1);
    const sent = await waitFor('member.must_reconnect', () => receiver.received.find((r) => r.json.event === 'member.must_reconnect' && r.json.data.app_id === appId));
    expect(sent.signatureValid).toBe(true);
    expect(sent.json.data).toMatchObject({ owner: member.email, outcome: 'failure', error_code: 'invalid_grant' });
  });

  it('after 4 days of failures the refresh is exhausted: expired, no more requests, until an admin forces a refresh', async () => {
    const admin = await seedUser('admin');
    const appId = await connectedAuthCode(provider, admin, 'team');
    const row = await credentialRow(appId, 'team');
    await patch(row.id, { tokenExpiresAt: Date.now() - 1_000, consecutiveFailures: 9, failingSince: Date.now() - EXHAUSTED_AFTER_MS - 1_000, nextRetryAt: Date.now() - 1 });
    provider.failTokenRequests('status500');
    const before = provider.tokenRequests.length;
    await failure(() => obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' }));
    const exhausted = await credentialRow(appId, 'team');
    expect(exhausted).toMatchObject({ status: 'expired', lastFailureCode: REFRESH_EXHAUSTED });
    expect(exhausted.statusMessage).toMatch(/Refresh exhausted/);

    // Even after the cooldown would be over: no request.
    await patch(row.id, { nextRetryAt: Date.now() - 1 });
    expect((await failure(() => obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' }))).message).toMatch(/Refresh exhausted/);
    expect(provider.tokenRequests.length).toBe(before + 1);

    await expect(forceRefresh(await seedUser('member'), { appId, env: 'draft' })).rejects.toMatchObject({ code: 'forbidden' });
    provider.failTokenRequests(null);
    const forced = await forceRefresh(admin, { appId, env: 'draft' });
    expect(forced).toMatchObject({ app_id: appId, owner: 'team', status: 'connected' });
    expect(JSON.stringify(forced)).not.toContain(openTokens(await credentialRow(appId, 'team'))!.access_token);
    expect(provider.tokenRequests.length).toBe(before + 2);
    expect(await credentialRow(appId, 'team')).toMatchObject({ status: 'connected', lastFailureCode: REFRESH_EXHAUSTED, consecutiveFailures: 0 });
    // Served again without a request.
    await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    expect(provider.tokenRequests.length).toBe(before + 2);
  });
});

describe('sweep and metrics', () => {
  it('the sweep renews tokens expiring within 10 minutes that were used in the last 30 days, and only those', async () => {
    const admin = await seedUser('admin');
    const used = await connectedAuthCode(provider, admin, 'team');
    const idle = await connectedAuthCode(provider, admin, 'team');
    const [u, i] = [await credentialRow(used, 'team'), await credentialRow(idle, 'team')];
    await patch(u.id, { tokenExpiresAt: Date.now() + 5 * 60_000, lastUsedAt: Date.now() - 3_600_000 });
    await patch(i.id, { tokenExpiresAt: Date.now() + 5 * 60_000, lastUsedAt: Date.now() - 40 * 24 * 3_600_000 });
    const before = refreshes();
    const result = await sweepOnce();
    expect(result.ran).toBe(true);
    expect(refreshes()).toBe(before + 1);
    expect((await credentialRow(used, 'team')).tokens).not.toBe(u.tokens);
    expect((await credentialRow(idle, 'team')).tokens).toBe(i.tokens);
  });

  it('metrics count token requests by grant and outcome, and credentials by status', async () => {
    const text = (await metricsText()).body;
    expect(text).toMatch(/connections_token_requests_total\{grant="authorization_code",outcome="success"\} \d+/);
    expect(text).toMatch(/connections_token_requests_total\{grant="authorization_code",outcome="failure"\} \d+/);
    expect(text).toMatch(/connections_token_request_seconds_count\{grant="authorization_code"\} \d+/);
    // Credentials by status are the database's numbers (the same on every instance), not this process's.
    const byStatus = await getDb().select({ status: credentials.status, n: count() }).from(credentials).groupBy(credentials.status);
    expect(byStatus.find((r) => r.status === 'connected')?.n).toBeGreaterThan(0);
    for (const { status, n } of byStatus) expect(text).toContain(`connections_credentials{status="${status}"} ${n}\n`);
    expect(text).toMatch(/connections_webhook_deliveries_total\{outcome="delivered"\} \d+/);
  });
});
