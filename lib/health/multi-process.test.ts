import { count, eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { openTokens } from '@/lib/credentials/credential-secrets';
import { getDb } from '@/lib/db/client';
import { leases, webhookDeliveries } from '@/lib/db/schema';
import { seedUser } from '@/test/db-fixtures';
import { startRuntimeServer, type RuntimeServer } from '@/test/runtime-server';
import { createWebhookEndpoint, sendTestWebhook } from '@/lib/webhooks/endpoints';
import { connectedAuthCode, credentialRow, redirectUri, startWebhookReceiver, waitFor } from '@/test/oauth-test-helpers';

// Real server processes (the runtime fast path and background work of bin/server.mjs, without
// Next) on the test's database (SQLite file or PostgreSQL), against the real oidc-provider with
// refresh-token rotation.

const servers: RuntimeServer[] = [];

async function startServer(extraEnv: Record<string, string> = {}): Promise<RuntimeServer> {
  const server = await startRuntimeServer({ RUNTIME_RATE_LIMIT_PER_MINUTE: '0', ...extraEnv });
  servers.push(server);
  return server;
}

async function stop(server: RuntimeServer, signal: NodeJS.Signals = 'SIGTERM') {
  await server.stop(signal);
  servers.splice(servers.indexOf(server), 1);
}

let provider: OAuthServer;
beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: redirectUri() });
});
afterEach(async () => {
  for (const s of [...servers]) await stop(s);
});
afterAll(() => provider.close());

const refreshes = () => provider.tokenRequests.filter((r) => r.body.grant_type === 'refresh_token').length;

describe('two server processes on one database', () => {
  it('40 concurrent callers split across two processes: exactly one refresh per expiry and one token handed out, three rounds in a row', async () => {
    const admin = await seedUser('admin');
    provider.setAccessTokenTtl(3);
    const appId = await connectedAuthCode(provider, admin, 'team');
    const { key } = await createApiKey(admin, { name: 'two-process test' });
    const [a, b] = await Promise.all([startServer(), startServer()]);
    // Slow answers make every caller overlap the one request in flight.
    provider.setTokenDelayMs(300);
    const call = (port: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/connections/${appId}/draft/runtime-credentials`, { headers: { authorization: `Bearer ${key}` } }).then(async (r) => ({ status: r.status, body: (await r.json()) as { credentials: { access_token: string } } }));

    for (let round = 0; round < 3; round++) {
      const row = await credentialRow(appId, 'team');
      // Due for renewal: less than a third of the 3 s lifetime left.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, row.tokenExpiresAt! - 800 - Date.now())));
      const before = refreshes();
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 2 ? a.port : b.port)));
      expect(answers.map((x) => x.status)).toEqual(Array(40).fill(200));
      expect(refreshes()).toBe(before + 1);
      const handedOut = new Set(answers.map((x) => x.body.credentials.access_token));
      expect(handedOut.size).toBe(1);
      // The rotated refresh token was committed before anyone got the new access token.
      const stored = openTokens(await credentialRow(appId, 'team'))!;
      expect([...handedOut][0]).toBe(stored.access_token);
      expect(stored.refresh_token).toBe(provider.tokenResponses.at(-1)!.refresh_token);
    }
    expect((await credentialRow(appId, 'team')).status).toBe('connected');
    expect(await getDb().select({ n: count() }).from(leases).where(like(leases.name, 'refresh:%'))).toEqual([{ n: 0 }]);
    provider.setTokenDelayMs(0);
    provider.setAccessTokenTtl(3600);
  }, 60_000);

  it('kill -9 during a webhook delivery: the event is delivered after the restart', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const admin = await seedUser('admin');
      const { id, secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: ['credential.recovered'] });
      receiver.setSecret(secret);
      receiver.plan.push('hang'); // the first delivery never gets an answer
      const serverEnv = { OUTBOUND_TIMEOUT_MS: '2000' };
      const first = await startServer(serverEnv);
      await sendTestWebhook(admin, id);
      await waitFor('the first delivery attempt', () => receiver.received.length === 1);
      await stop(first, 'SIGKILL');
      const delivery = () => getDb().select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, lockedUntil: webhookDeliveries.lockedUntil }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
      const [pending] = await delivery();
      expect(pending).toMatchObject({ status: 'pending', attempts: 0 });
      expect(pending.lockedUntil).toBeGreaterThan(Date.now());

      await startServer(serverEnv);
      await waitFor('the delivery after the restart', () => receiver.received.length === 2, 30_000);
      expect(receiver.received[1].json.id).toBe(receiver.received[0].json.id);
      expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
      const delivered = await waitFor('delivered', async () => {
        const [row] = await delivery();
        return row.status === 'delivered' && row;
      });
      expect(delivered.attempts).toBe(1);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});
