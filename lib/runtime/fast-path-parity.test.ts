import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/connections/[appId]/[env]/runtime-credentials/route';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { STATIC_SECURITY_HEADERS } from '@/lib/security/security-headers';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';

/**
 * The same requests to the compiled fast path (dist/server.mjs, as bin/server.mjs loads it) and to
 * the Next route handler: status, body and headers must agree. The fast path also sets the headers
 * proxy.ts puts on every Next answer; those are the only ones it may add.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const PROXY_HEADERS = new Set([...Object.keys(STATIC_SECURITY_HEADERS).map((h) => h.toLowerCase()), 'content-security-policy']);
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

type Answer = { status: number; body: string; headers: Record<string, string> };

let server: http.Server;
let base: string;

beforeAll(async () => {
  const { ensureBundle } = await import(pathToFileURL(path.join(root, 'scripts/bundle.mjs')).href);
  const bundle = await import(pathToFileURL(await ensureBundle('server')).href);
  server = http.createServer((req, res) => {
    if (!bundle.handleRuntimeRequest(req, res)) {
      res.writeHead(599).end('not taken by the fast path');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const headersOf = (response: Response) => Object.fromEntries([...response.headers].map(([k, v]) => [k.toLowerCase(), v]));

async function viaFastPath(pathAndQuery: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${base}${pathAndQuery}`, { headers });
  return { status: response.status, body: await response.text(), headers: headersOf(response) };
}

async function viaNextRoute(pathAndQuery: string, headers: Record<string, string>): Promise<Answer> {
  const url = new URL(`http://localhost${pathAndQuery}`);
  const [, , , , appId, env] = url.pathname.split('/');
  const response = await GET(new Request(url, { headers }), { params: Promise.resolve({ appId: decodeURIComponent(appId), env: decodeURIComponent(env) }) });
  return { status: response.status, body: await response.text(), headers: headersOf(response) };
}

async function expectSameAnswer(pathAndQuery: string, headers: Record<string, string>, expectedStatus: number) {
  const next = await viaNextRoute(pathAndQuery, headers);
  const fast = await viaFastPath(pathAndQuery, headers);
  expect(next.status, `${pathAndQuery}: Next route`).toBe(expectedStatus);
  expect(fast.status, `${pathAndQuery}: fast path`).toBe(next.status);
  expect(fast.body).toBe(next.body);
  for (const [name, value] of Object.entries(next.headers)) {
    if (TRANSPORT_HEADERS.has(name)) continue;
    expect(fast.headers[name], `${pathAndQuery}: header ${name}`).toBe(value);
  }
  const extra = Object.keys(fast.headers).filter((h) => !(h in next.headers) && !TRANSPORT_HEADERS.has(h) && !PROXY_HEADERS.has(h));
  expect(extra, `${pathAndQuery}: headers only the fast path sets`).toEqual([]);
}

describe('runtime fast path and Next route answer alike', () => {
  it('gives the same status, body and headers for successes and every kind of refusal', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const adminKey = (await createApiKey(admin, { name: 'parity-admin' })).key;
    const memberKey = (await createApiKey(admin, { name: 'parity-member', userId: member.id })).key;
    const team = uniqueAppId('parity');
    await createConnection(admin, connectionSchema.parse({ app_id: team, environments: { draft: { kind: 'basic', type: 'team', server_url: 'https://api.example.com' } } }));
    const input = parseCredentialsInput('basic', { username: 'svc', password: 'parity-secret' });
    if (!input.success) throw new Error('bad input');
    await setCredentials(admin, team, 'draft', input.data);
    const perMember = uniqueAppId('parity');
    await createConnection(admin, connectionSchema.parse({ app_id: perMember, environments: { draft: { kind: 'bearer', type: 'member' } } }));

    const route = (appId: string, env = 'draft') => `/api/v1/connections/${appId}/${env}/runtime-credentials`;
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

    await expectSameAnswer(route(team), bearer(adminKey), 200);
    await expectSameAnswer(route(team), bearer('cmk_not_a_real_key_at_all_000000'), 401);
    await expectSameAnswer(route(team), bearer(memberKey), 403);
    await expectSameAnswer(route('parity_missing_app'), bearer(adminKey), 404);
    await expectSameAnswer(route(team, 'live'), bearer(adminKey), 404);
    await expectSameAnswer(route(team, 'staging'), bearer(adminKey), 400);
    await expectSameAnswer(route(perMember), bearer(memberKey), 428);
    await expectSameAnswer(`${route(team)}?api_key=abc`, bearer(adminKey), 400);
    await expectSameAnswer(`${route(perMember)}?user=${encodeURIComponent(admin.email)}`, bearer(memberKey), 403);
  });
});
