import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { verifyWebhookSignature } from '../../lib/webhooks/signature';
import { bearer, createApiKeyInConsole } from '../fixtures/api-keys';
import { addUser, pageAs, readDb, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { startOAuthServer } from '../fixtures/oauth-server';

// Settings → Webhooks in the browser, with a real receiver on loopback checking signatures; the
// forced refresh against the real oidc-provider; /healthz and /api/v1/metrics over HTTP.
test.describe.configure({ mode: 'serial' });

type Received = { body: string; event: string; signature: string };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ body, event: (JSON.parse(body) as { event: string }).event, signature: String(req.headers['x-connections-signature'] ?? '') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => server.close() };
}

test('an admin adds a webhook endpoint, sees the secret once, sends a signed test event, reads the log and deletes it', async ({ page }) => {
  const receiver = await startReceiver();
  try {
    await page.goto('/connections');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

    const form = page.getByRole('form', { name: 'Add a webhook endpoint' });
    // Refused addresses and bad input write nothing.
    const count = () => readDb((db) => (db.prepare('select count(*) as n from webhook_endpoints').get() as { n: number }).n);
    const before = count();
    await form.getByLabel('URL').fill('http://169.254.169.254/latest/meta-data');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByRole('alert').first()).toContainText(/metadata/);
    await form.getByLabel('URL').fill('not a url');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.locator('#webhook-url-error')).toContainText('http(s) URL');
    expect(count()).toBe(before);

    await form.getByLabel('URL').fill(receiver.url);
    // Other specs run alongside and change credentials: subscribe only to an event none of them sends.
    for (const event of ['credential.created', 'credential.updated', 'credential.refresh_failed', 'credential.recovered', 'member.must_reconnect']) {
      await form.getByRole('checkbox', { name: event }).uncheck();
    }
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const shown = page.getByTestId('new-webhook-secret');
    await expect(shown).toBeVisible();
    const secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    expect(readDb((db) => JSON.stringify(db.prepare('select * from webhook_endpoints').all()))).not.toContain(secret);

    await page.reload();
    await expect(page.getByTestId('new-webhook-secret')).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    const card = page.locator('section').filter({ hasText: receiver.url }).last().getByTestId('webhook-endpoint');
    await expect(card).toContainText('credential.expiring');
    await expect(card).not.toContainText('credential.created');
    await expect(card.getByText('No deliveries yet')).toBeVisible();

    const section = page.locator('section').filter({ hasText: receiver.url }).last();
    await section.getByRole('button', { name: 'Send test event' }).click();
    await expect(section.getByRole('status')).toContainText('queued');
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = receiver.received;
    expect(delivery.event).toBe('test');
    expect(verifyWebhookSignature(secret, delivery.body, delivery.signature)).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', delivery.body, delivery.signature)).toBe(false);
    await expect(async () => {
      await page.reload();
      await expect(page.locator('section').filter({ hasText: receiver.url }).last().getByTestId('webhook-delivery-row').first()).toContainText('delivered', { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });

    await page.locator('section').filter({ hasText: receiver.url }).last().getByRole('button', { name: `Delete ${receiver.url}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page.getByText(receiver.url)).toHaveCount(0);
    expect(count()).toBe(before);
  } finally {
    receiver.close();
  }
});

test('members cannot open Settings → Webhooks', async ({ page, browser }) => {
  const member = await addUser(page, 'member');
  const memberPage = await pageAs(browser, member);
  await memberPage.goto('/connections');
  await expect(memberPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
  expect((await memberPage.goto('/settings/webhooks'))?.status()).toBe(404);
  await memberPage.context().close();
});

test('/healthz without auth; /api/v1/metrics for admins only; forced refresh against the real provider', async ({ page, request }) => {
  const health = await request.get('/healthz', { headers: {} });
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });

  const member = await addUser(page, 'member');
  const adminKey = await createApiKeyInConsole(page, uniqueId('metrics_admin'));
  const memberKey = await createApiKeyInConsole(page, uniqueId('metrics_member'), member.email);
  const anonymous = await request.get('/api/v1/metrics', { headers: { cookie: '' } });
  expect([401]).toContain(anonymous.status());
  expect((await request.get('/api/v1/metrics', { headers: bearer(memberKey) })).status()).toBe(403);

  const provider = await startOAuthServer({ redirectUri: `${E2E.baseUrl}/api/oauth/callback` });
  try {
    const appId = uniqueId('forced');
    expect((await request.post('/api/v1/connections', { headers: bearer(adminKey), data: { app_id: appId, environments: { draft: { kind: 'oauth_auth_client_credentials_flow', type: 'team' } } } })).status()).toBe(201);
    const c = provider.clients.basic;
    const set = await request.put(`/api/v1/connections/${appId}/draft/credentials`, { headers: bearer(adminKey), data: { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl(), scope: 'api' } });
    expect(set.status(), await set.text()).toBe(200);
    const runtime = await request.get(`/api/v1/connections/${appId}/draft/runtime-credentials`, { headers: bearer(adminKey) });
    expect(runtime.status(), await runtime.text()).toBe(200);
    const requests = provider.tokenRequests.length;

    expect((await request.post(`/api/v1/connections/${appId}/draft/refresh`, { headers: bearer(memberKey) })).status()).toBe(403);
    const forced = await request.post(`/api/v1/connections/${appId}/draft/refresh`, { headers: bearer(adminKey) });
    expect(forced.status(), await forced.text()).toBe(200);
    const body = await forced.json();
    expect(body).toMatchObject({ app_id: appId, env: 'draft', owner: 'team', status: 'connected', scopes: ['api'] });
    expect(JSON.stringify(body)).not.toContain('access_token');
    expect(provider.tokenRequests.length).toBe(requests + 1);

    const metrics = await request.get('/api/v1/metrics', { headers: bearer(adminKey) });
    expect(metrics.status()).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/connections_runtime_reads_total\{outcome="success"\} [1-9]/);
    expect(text).toMatch(/connections_token_requests_total\{grant="client_credentials",outcome="success"\} [1-9]/);
    expect(text).toMatch(/connections_credentials\{status="connected"\} [1-9]/);
    expect(text).not.toContain(c.clientSecret);
  } finally {
    await provider.close();
  }
});
