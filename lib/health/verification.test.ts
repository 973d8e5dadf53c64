import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAuthSettings } from '@/lib/connections/auth-settings';
import { authSettingsSchema } from '@/lib/connections/auth-settings-schema';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { getDb } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import type { UserActor } from '@/lib/auth/actor';
import { credentialRow } from '@/test/oauth-test-helpers';
import { sweepOnce } from './sweep';
import { verifyCredentials } from './verify-credentials';

// A real API server on 127.0.0.1 that accepts exactly the right credentials.

const GOOD = { username: 'svc', password: 'right-password', token: 'right-token', api_key: 'right-key' };
let server: http.Server;
let base = '';
const seen: { path: string; method: string; authorization?: string; apiKey?: string }[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', method: req.method ?? '', authorization: req.headers.authorization, apiKey: req.headers['x-service-key'] as string | undefined });
    const basic = `Basic ${Buffer.from(`${GOOD.username}:${GOOD.password}`).toString('base64')}`;
    const ok = req.headers.authorization === basic || req.headers.authorization === `Bearer ${GOOD.token}` || req.headers['x-service-key'] === GOOD.api_key;
    res.writeHead(req.url === '/me' ? (ok ? 200 : 401) : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function staticConnection(admin: UserActor, kind: 'basic' | 'bearer' | 'api_key', values: Record<string, unknown>, verification: Record<string, unknown> | null = { method: 'GET', path: '/me', expected_status: 200, api_key_header: 'X-Service-Key' }) {
  const appId = uniqueAppId(kind);
  await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind, type: 'team', server_url: `${base}/` } } }));
  if (verification) await setAuthSettings(admin, appId, 'draft', authSettingsSchema.parse({ verification }));
  const parsed = parseCredentialsInput(kind, values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  await setCredentials(admin, appId, 'draft', parsed.data);
  return appId;
}

describe('verification request', () => {
  it.each([
    ['basic', { username: GOOD.username, password: GOOD.password }, { username: GOOD.username, password: 'wrong' }],
    ['bearer', { token: GOOD.token }, { token: 'wrong' }],
    ['api_key', { api_key: GOOD.api_key }, { api_key: 'wrong' }],
  ] as const)('%s: the right credentials are connected, wrong ones an error with the provider’s status, never the secret', async (kind, good, bad) => {
    const admin = await seedUser('admin');
    const right = await staticConnection(admin, kind, good);
    expect(await verifyCredentials(admin, { appId: right, env: 'draft' })).toMatchObject({ status: 'connected', httpStatus: 200 });
    expect(await credentialRow(right, 'team')).toMatchObject({ status: 'connected', consecutiveFailures: 0 });
    expect((await credentialRow(right, 'team')).lastSuccessAt).not.toBeNull();

    const wrong = await staticConnection(admin, kind, bad);
    const result = await verifyCredentials(admin, { appId: wrong, env: 'draft' });
    expect(result).toMatchObject({ status: 'error', httpStatus: 401 });
    const row = await credentialRow(wrong, 'team');
    expect(row).toMatchObject({ status: 'error', lastFailureCode: 'verification_failed', consecutiveFailures: 1 });
    expect(row.statusMessage).toBe('The verification request (GET /me) answered 401, expected 200.');
    expect(JSON.stringify(row.statusMessage)).not.toContain('wrong');
    expect(seen.at(-1)!.path).toBe('/me');
  });

  it('only admins test team credentials; without a verification request, Test says what to set', async () => {
    const admin = await seedUser('admin');
    const appId = await staticConnection(admin, 'bearer', { token: GOOD.token });
    await expect(verifyCredentials(await seedUser('member'), { appId, env: 'draft' })).rejects.toMatchObject({ code: 'forbidden' });
    const plain = await staticConnection(admin, 'bearer', { token: GOOD.token }, null);
    await expect(verifyCredentials(admin, { appId: plain, env: 'draft' })).rejects.toThrow(/no verification request/);
  });

  it('the sweep verifies static credentials once a day', async () => {
    await sweepOnce(); // whatever earlier tests left unverified
    const admin = await seedUser('admin');
    const appId = await staticConnection(admin, 'bearer', { token: GOOD.token });
    // Auth settings without a verification request: never picked (nothing to send, nothing failed).
    const plain = await staticConnection(admin, 'bearer', { token: GOOD.token }, null);
    await setAuthSettings(admin, plain, 'draft', authSettingsSchema.parse({}));
    const requests = () => seen.filter((s) => s.authorization === `Bearer ${GOOD.token}`).length;
    const before = requests();
    expect(await sweepOnce()).toMatchObject({ ran: true, verified: 1, failed: 0 });
    expect(requests()).toBe(before + 1);
    expect((await credentialRow(appId, 'team')).lastSuccessAt).not.toBeNull();
    await sweepOnce();
    expect(requests()).toBe(before + 1); // checked less than a day ago
    await getDb().update(credentials).set({ lastSuccessAt: Date.now() - 25 * 3_600_000 }).where(eq(credentials.id, (await credentialRow(appId, 'team')).id));
    await sweepOnce();
    expect(requests()).toBe(before + 2);
  });

  it('bad verification settings are refused with the field named', () => {
    const result = authSettingsSchema.safeParse({ verification: { method: 'DELETE', path: 'me', expected_status: 42 } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['verification.method', 'verification.path', 'verification.expected_status']));
    expect(authSettingsSchema.parse({ verification: { path: '/me' } }).verification).toEqual({ method: 'GET', path: '/me', expected_status: 200, api_key_header: 'X-API-Key' });
  });
});
