import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { startRuntimeServer, type RuntimeServer } from '@/test/runtime-server';

// Two real server processes (the runtime fast path of bin/server.mjs) on the test's database: the
// per-key limit of the runtime credentials API holds across them, not once per process.

const servers: RuntimeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

describe('the runtime credentials limit across instances', () => {
  it('counts the calls a key makes on every instance against one limit, with Retry-After past it', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('limit');
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
    const input = parseCredentialsInput('bearer', { token: 'limited-token' });
    if (!input.success) throw new Error('bad input');
    await setCredentials(admin, appId, 'draft', input.data);
    const { key } = await createApiKey(admin, { name: 'limited' });
    const { key: otherKey } = await createApiKey(admin, { name: 'another tool' });
    servers.push(...(await Promise.all([startRuntimeServer({ RUNTIME_RATE_LIMIT_PER_MINUTE: '4' }), startRuntimeServer({ RUNTIME_RATE_LIMIT_PER_MINUTE: '4' })])));
    const [a, b] = servers;
    const call = (server: RuntimeServer, apiKey = key) =>
      fetch(`http://127.0.0.1:${server.port}/api/v1/connections/${appId}/draft/runtime-credentials`, { headers: { authorization: `Bearer ${apiKey}` } });

    // The limit counts in windows of a whole minute: start well inside one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));

    const allowed = [];
    for (const server of [a, b, a, b]) allowed.push((await call(server)).status);
    expect(allowed).toEqual([200, 200, 200, 200]);
    for (const server of [a, b]) {
      const refused = await call(server);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // The limit is per key: another key of the same owner is still answered.
    expect((await call(b, otherKey)).status).toBe(200);
  }, 120_000);
});
