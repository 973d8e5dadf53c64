import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/db/client';
import { startWebhookReceiver, waitFor } from '@/test/oauth-test-helpers';
import { seedUser } from '@/test/db-fixtures';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, sendTestWebhook } from './endpoints';
import { webhookEndpointInputSchema } from './events';
import { enqueueWebhookEvent } from './outbox';
import { signWebhook, verifyWebhookSignature } from './signature';
import { RETRY_DELAYS_MS, startWebhookWorker } from './worker';

// Deliveries to a real receiver on 127.0.0.1 from the real outbox table.

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let worker: { stop: () => void };
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  worker = startWebhookWorker();
});
afterAll(async () => {
  worker.stop();
  await receiver.close();
});

describe('webhooks', () => {
  it('a signed event is retried after the receiver answers 500, with the same id and a valid signature each time', async () => {
    const admin = await seedUser('admin');
    const { id, secret } = createWebhookEndpoint(admin, { url: receiver.url, events: ['credential.refresh_failed'] });
    receiver.setSecret(secret);
    receiver.plan.push(500, 500);
    const start = receiver.received.length;
    enqueueWebhookEvent('credential.refresh_failed', { app_id: 'crm', env: 'live', owner: 'team', kind: 'oauth_auth_code_flow', outcome: 'failure', error_code: 'provider_failed' });
    await waitFor('three attempts', () => receiver.received.length >= start + 3, 20_000);
    const seen = receiver.received.slice(start);
    expect(seen.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(seen.every((r) => r.signatureValid)).toBe(true);
    expect(new Set(seen.map((r) => r.json.id)).size).toBe(1);
    expect(seen[0].json).toMatchObject({ event: 'credential.refresh_failed', data: { app_id: 'crm', env: 'live', owner: 'team', outcome: 'failure', error_code: 'provider_failed' } });
    const [delivery] = await waitFor('delivered', () => {
      const log = listWebhookDeliveries(admin, id);
      return log[0]?.status === 'delivered' && log;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200 });
    expect(RETRY_DELAYS_MS).toHaveLength(9); // 10 tries, 1 s to 1 h apart
    expect(RETRY_DELAYS_MS[0]).toBe(1_000);
    expect(RETRY_DELAYS_MS.at(-1)).toBe(3_600_000);
  });

  it('only subscribed endpoints get an event; the test event goes through the same signing', async () => {
    const admin = await seedUser('admin');
    const other = createWebhookEndpoint(admin, { url: receiver.url, events: ['credential.created'] });
    receiver.setSecret(other.secret);
    const start = receiver.received.length;
    sendTestWebhook(admin, other.id);
    await waitFor('test event', () => receiver.received.length > start);
    expect(receiver.received.at(-1)!.json.event).toBe('test');
    expect(receiver.received.at(-1)!.signatureValid).toBe(true);
    const count = (endpointId: string) => (getSqlite().prepare('select count(*) as n from webhook_deliveries where endpoint_id = ?').get(endpointId) as { n: number }).n;
    const before = count(other.id);
    enqueueWebhookEvent('credential.recovered', { app_id: 'crm', env: 'live', owner: 'team', kind: 'api_key', outcome: 'success' });
    expect(count(other.id)).toBe(before);
  });

  it('the secret is shown once and stored sealed; only admins manage endpoints; bad URLs write nothing', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const { id, secret } = createWebhookEndpoint(admin, { url: 'https://hooks.example.com/x', events: ['credential.expiring'] });
    const stored = getSqlite().prepare('select secret from webhook_endpoints where id = ?').get(id) as { secret: string };
    expect(stored.secret).not.toContain(secret);
    expect(stored.secret.startsWith('cm1.')).toBe(true);
    expect(JSON.stringify(listWebhookEndpoints(admin))).not.toContain(secret);
    expect(() => listWebhookEndpoints(member)).toThrow(/admins/);
    expect(() => createWebhookEndpoint(member, { url: 'https://hooks.example.com/y', events: ['credential.created'] })).toThrow(/admins/);
    expect(() => sendTestWebhook(member, id)).toThrow(/admins/);
    const endpoints = () => (getSqlite().prepare('select count(*) as n from webhook_endpoints').get() as { n: number }).n;
    const n = endpoints();
    expect(() => createWebhookEndpoint(admin, { url: 'http://169.254.169.254/latest', events: ['credential.created'] })).toThrow(/metadata/);
    expect(endpoints()).toBe(n);
    expect(webhookEndpointInputSchema.safeParse({ url: 'ftp://x.example', events: ['credential.created'] }).success).toBe(false);
    expect(webhookEndpointInputSchema.safeParse({ url: 'https://x.example', events: [] }).success).toBe(false);
    expect(webhookEndpointInputSchema.safeParse({ url: 'https://x.example', events: ['credential.deleted'] }).success).toBe(false);
    deleteWebhookEndpoint(admin, id);
    expect(endpoints()).toBe(n - 1);
  });

  it('signatures: a tampered body, another secret or an old timestamp is refused', () => {
    const body = '{"id":"1"}';
    const header = signWebhook('whsec_a', body);
    expect(verifyWebhookSignature('whsec_a', body, header)).toBe(true);
    expect(verifyWebhookSignature('whsec_a', '{"id":"2"}', header)).toBe(false);
    expect(verifyWebhookSignature('whsec_b', body, header)).toBe(false);
    const old = signWebhook('whsec_a', body, Math.floor(Date.now() / 1000) - 3600);
    expect(verifyWebhookSignature('whsec_a', body, old)).toBe(false);
  });
});
