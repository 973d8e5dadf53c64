import { spawn } from 'node:child_process';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, writeTransaction } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import { startWebhookReceiver, waitFor } from '@/test/oauth-test-helpers';
import { seedUser } from '@/test/db-fixtures';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, sendTestWebhook } from './endpoints';
import { webhookEndpointInputSchema } from './events';
import { enqueueWebhookEvent } from './outbox';
import { signWebhook, verifyWebhookSignature } from './signature';
import { RETRY_DELAYS_MS, startWebhookWorker } from '@/lib/webhooks/worker';

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
    const { id, secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: ['credential.refresh_failed'] });
    receiver.setSecret(secret);
    receiver.plan.push(500, 500);
    const start = receiver.received.length;
    await enqueueWebhookEvent('credential.refresh_failed', { app_id: 'crm', env: 'live', owner: 'team', kind: 'oauth_auth_code_flow', outcome: 'failure', error_code: 'provider_failed' });
    await waitFor('three attempts', () => receiver.received.length >= start + 3, 20_000);
    const seen = receiver.received.slice(start);
    expect(seen.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(seen.every((r) => r.signatureValid)).toBe(true);
    expect(new Set(seen.map((r) => r.json.id)).size).toBe(1);
    expect(seen[0].json).toMatchObject({ event: 'credential.refresh_failed', data: { app_id: 'crm', env: 'live', owner: 'team', outcome: 'failure', error_code: 'provider_failed' } });
    const [delivery] = await waitFor('delivered', async () => {
      const log = await listWebhookDeliveries(admin, id);
      return log[0]?.status === 'delivered' && log;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200 });
    expect(RETRY_DELAYS_MS).toHaveLength(9); // 10 tries, 1 s to 1 h apart
    expect(RETRY_DELAYS_MS[0]).toBe(1_000);
    expect(RETRY_DELAYS_MS.at(-1)).toBe(3_600_000);
  });

  it('only subscribed endpoints get an event; the test event goes through the same signing', async () => {
    const admin = await seedUser('admin');
    const other = await createWebhookEndpoint(admin, { url: receiver.url, events: ['credential.created'] });
    receiver.setSecret(other.secret);
    const start = receiver.received.length;
    await sendTestWebhook(admin, other.id);
    await waitFor('test event', () => receiver.received.length > start);
    expect(receiver.received.at(-1)!.json.event).toBe('test');
    expect(receiver.received.at(-1)!.signatureValid).toBe(true);
    const deliveries = async (endpointId: string) => (await getDb().select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)))[0].n;
    const before = await deliveries(other.id);
    expect(before).toBeGreaterThan(0);
    await enqueueWebhookEvent('credential.recovered', { app_id: 'crm', env: 'live', owner: 'team', kind: 'api_key', outcome: 'success' });
    expect(await deliveries(other.id)).toBe(before);
  });

  it('the secret is shown once and stored sealed; only admins manage endpoints; bad URLs write nothing', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const { id, secret } = await createWebhookEndpoint(admin, { url: 'https://hooks.example.com/x', events: ['credential.expiring'] });
    const [stored] = await getDb().select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(stored.secret).not.toContain(secret);
    expect(stored.secret.startsWith('cm1.')).toBe(true);
    expect(JSON.stringify(await listWebhookEndpoints(admin))).not.toContain(secret);
    await expect(listWebhookEndpoints(member)).rejects.toThrow(/admins/);
    await expect(createWebhookEndpoint(member, { url: 'https://hooks.example.com/y', events: ['credential.created'] })).rejects.toThrow(/admins/);
    await expect(sendTestWebhook(member, id)).rejects.toThrow(/admins/);
    const endpoints = async () => (await getDb().select({ n: count() }).from(webhookEndpoints))[0].n;
    const n = await endpoints();
    await expect(createWebhookEndpoint(admin, { url: 'http://169.254.169.254/latest', events: ['credential.created'] })).rejects.toThrow(/metadata/);
    expect(await endpoints()).toBe(n);
    expect(webhookEndpointInputSchema.safeParse({ url: 'ftp://x.example', events: ['credential.created'] }).success).toBe(false);
    expect(webhookEndpointInputSchema.safeParse({ url: 'https://x.example', events: [] }).success).toBe(false);
    expect(webhookEndpointInputSchema.safeParse({ url: 'https://x.example', events: ['credential.deleted'] }).success).toBe(false);
    await deleteWebhookEndpoint(admin, id);
    expect(await endpoints()).toBe(n - 1);
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

describe('webhook workers in two processes on one database', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  type Child = { claimed: Promise<number>; stop: () => void };

  /** A worker process (test/webhook-worker.fixture.ts) on this test's database; resolves once it is ready. */
  async function startWorkerProcess(): Promise<Child> {
    const child = spawn(process.execPath, [path.join(root, 'bin/run-ts.mjs'), 'test/webhook-worker.fixture.ts'], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const claimed = new Promise<number>((resolve, reject) =>
      child.once('exit', (code) => {
        const m = /\{"claimed":(\d+)\}/.exec(out);
        if (m) resolve(Number(m[1]));
        else reject(new Error(`worker exited (${code}):\n${out}${err}`));
      }),
    );
    claimed.catch(() => undefined);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}${err}`)), 60_000);
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('ready\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
      claimed.catch((e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    return { claimed, stop: () => child.kill('SIGTERM') };
  }

  it('claim due deliveries concurrently without ever sending one twice', async () => {
    worker.stop(); // only the two worker processes deliver here
    const own = await startWebhookReceiver();
    const children: Child[] = [];
    try {
      const admin = await seedUser('admin');
      const { id, secret } = await createWebhookEndpoint(admin, { url: own.url, events: ['member.must_reconnect'] });
      own.setSecret(secret);
      children.push(...(await Promise.all([startWorkerProcess(), startWorkerProcess()])));
      // All at once, while both workers are polling: they race for every batch.
      const N = 200;
      await writeTransaction(async (tx) => {
        for (let i = 0; i < N; i++) await enqueueWebhookEvent('member.must_reconnect', { app_id: `race_${i}`, env: 'draft', owner: 'team', kind: 'api_key', outcome: 'failure' }, tx);
      });
      await waitFor('every delivery', () => own.received.length >= N, 60_000);
      const stillPending = async () => (await getDb().select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending')))[0].n;
      await waitFor('all marked delivered', async () => (await stillPending()) === 0);
      await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to arrive
      const running = children.splice(0);
      for (const c of running) c.stop();
      const claimed = await Promise.all(running.map((c) => c.claimed));

      expect(claimed.reduce((a, b) => a + b, 0)).toBe(N);
      expect(Math.min(...claimed)).toBeGreaterThan(0); // both workers took part in the race
      expect(own.received).toHaveLength(N);
      expect(new Set(own.received.map((r) => r.json.id)).size).toBe(N);
      expect(own.received.every((r) => r.signatureValid)).toBe(true);
      const rows = await getDb().select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
      expect(rows).toHaveLength(N);
      expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    } finally {
      for (const c of children) c.stop();
      await own.close();
      worker = startWebhookWorker();
    }
  }, 120_000);
});
