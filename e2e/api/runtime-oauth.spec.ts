import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { errorSchema, runtimeCredentialsSchema } from '../../lib/api/response-schemas';
import { bearer, createApiKeyInConsole } from '../fixtures/api-keys';
import { uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';

// OAuth kinds resolve to an access token fetched by the server from a real token endpoint on loopback.
test.use({ storageState: { cookies: [], origins: [] } });

test('client credentials: a valid access token, one token request for many concurrent callers, and 502 when the provider fails', async ({ browser, request }) => {
  let tokenRequests = 0;
  let failing = false;
  const provider = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      tokenRequests++;
      if (failing) {
        res.writeHead(500, { 'content-type': 'text/html' });
        return res.end('<html>down</html>');
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: `provider-token-${tokenRequests}`, token_type: 'Bearer', expires_in: 3600, scope: 'read write' }));
      }, 100);
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', () => resolve()));
  const tokenUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/token`;
  try {
    const context = await browser.newContext({ storageState: E2E.adminState });
    const key = await createApiKeyInConsole(await context.newPage(), uniqueId('oauth_tool'));
    await context.close();

    const appId = uniqueId('cc');
    expect((await request.post('/api/v1/connections', { headers: bearer(key), data: { app_id: appId, environments: { draft: { kind: 'oauth_auth_client_credentials_flow', type: 'team', server_url: 'https://api.example.com' } } } })).status()).toBe(201);
    const set = await request.put(`/api/v1/connections/${appId}/draft/credentials`, { headers: bearer(key), data: { client_id: 'cid', client_secret: 'client-secret-value', token_url: tokenUrl, scope: 'read,write' } });
    expect(set.status(), await set.text()).toBe(200);

    const runtime = `/api/v1/connections/${appId}/draft/runtime-credentials`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => request.get(runtime, { headers: bearer(key) })));
    const bodies = await Promise.all(answers.map(async (a) => (expect(a.status(), await a.text()).toBe(200), runtimeCredentialsSchema.parse(await a.json()))));
    expect(new Set(bodies.map((b) => b.credentials.access_token)).size).toBe(1);
    expect(bodies[0].credentials).toMatchObject({ access_token: 'provider-token-1', token_type: expect.stringMatching(/bearer/i) });
    expect(JSON.stringify(bodies[0])).not.toContain('client-secret-value');
    expect(tokenRequests).toBe(1);

    // The provider fails and no valid token is stored: 502, and nothing secret in the answer.
    failing = true;
    const other = uniqueId('cc_down');
    await request.post('/api/v1/connections', { headers: bearer(key), data: { app_id: other, environments: { draft: { kind: 'oauth_auth_client_credentials_flow', type: 'team' } } } });
    await request.put(`/api/v1/connections/${other}/draft/credentials`, { headers: bearer(key), data: { client_id: 'cid', client_secret: 'client-secret-value', token_url: tokenUrl } });
    const failed = await request.get(`/api/v1/connections/${other}/draft/runtime-credentials`, { headers: bearer(key) });
    expect(failed.status(), await failed.text()).toBe(502);
    const error = errorSchema.parse(await failed.json());
    expect(error.error.code).toBe('provider_failed');
    expect(await failed.text()).not.toContain('client-secret-value');
  } finally {
    provider.close();
  }
});
