import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { bearer, createApiKeyInConsole } from '../fixtures/api-keys';
import { addUser, readDb, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { writeDb } from '../fixtures/oauth-console';
import { consoleServerEnv } from '../fixtures/server-env';

/**
 * Three console processes on one PostgreSQL database, as behind a load balancer: the one Playwright
 * started and two more. Requests are spread over them. (On SQLite the product is one machine's
 * console: this runs in the PostgreSQL pass, `npm run test:e2e:pg`.)
 */
test.skip(!E2E.databaseUrl, 'many instances share a PostgreSQL database (npm run test:e2e:pg)');
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const root = path.resolve(import.meta.dirname, '..', '..');
type Instance = { url: string; child?: ChildProcess };

async function startInstance(port: number): Promise<Instance & { child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/server.mjs')], { cwd: root, env: { ...process.env, ...consoleServerEnv(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  // Kept beside the first instance's log, for a failure's post-mortem.
  const file = fs.createWriteStream(path.join(E2E.dataDir, `instance-${port}.log`), { flags: 'a' });
  let log = '';
  child.stdout!.on('data', (d) => (log += d, file.write(d)));
  child.stderr!.on('data', (d) => (log += d, file.write(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited: ${log}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`instance on ${port} did not start: ${log}`);
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

const instances: Instance[] = [];
const extra: ChildProcess[] = [];
let key = '';

test.beforeAll(async ({ browser }) => {
  instances.push({ url: `http://127.0.0.1:${E2E.port}` });
  const base = E2E.port + 200;
  for (const port of [base, base + 1]) {
    const started = await startInstance(port);
    instances.push(started);
    extra.push(started.child);
  }
  const context = await browser.newContext({ storageState: E2E.adminState });
  key = await createApiKeyInConsole(await context.newPage(), uniqueId('many'));
  await context.close();
});

test.afterAll(async () => {
  for (const child of extra) {
    child.kill('SIGKILL');
    await exited(child);
  }
});

const api = (i: number, p: string, init: RequestInit = {}) =>
  fetch(`${instances[i % instances.length].url}${p}`, { ...init, headers: { ...bearer(key), 'content-type': 'application/json', ...(init.headers ?? {}) } });

test('a change made on one instance is seen on the next request on the others', async () => {
  const appId = uniqueId('many');
  expect((await api(0, '/api/v1/connections', { method: 'POST', body: JSON.stringify({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }) })).status).toBe(201);
  for (const i of [1, 2]) expect((await api(i, `/api/v1/connections/${appId}`)).status).toBe(200);
  for (let round = 0; round < 6; round++) {
    const token = `token-${round}-${crypto.randomUUID()}`;
    const set = await api(round, `/api/v1/connections/${appId}/draft/credentials`, { method: 'PUT', body: JSON.stringify({ token }) });
    expect(set.status, await set.text()).toBe(200);
    // Every instance, the very next request: no instance answers from an older cache.
    for (const i of [round + 1, round + 2, round]) {
      const read = await api(i, `/api/v1/connections/${appId}/draft/runtime-credentials`);
      expect(((await read.json()) as { credentials: { token: string } }).credentials.token, `instance ${i % 3}, round ${round}`).toBe(token);
    }
  }
  expect((await api(2, `/api/v1/connections/${appId}`, { method: 'DELETE' })).status).toBeLessThan(300);
  for (const i of [0, 1]) expect((await api(i, `/api/v1/connections/${appId}`)).status).toBe(404);
});

test('a revoked API key stops on all instances at once', async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.adminState });
  const page = await context.newPage();
  const name = uniqueId('revoked');
  const doomed = await createApiKeyInConsole(page, name);
  const use = (i: number) => fetch(`${instances[i].url}/api/v1/connections?limit=1`, { headers: bearer(doomed) }).then((r) => r.status);
  // Every instance has it in its read cache.
  for (const i of [0, 1, 2, 0, 1, 2]) expect(await use(i)).toBe(200);
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('button', { name: 'Revoke key' }).click();
  // Other specs load the same database in this pass: the action and the list's refresh get room.
  await expect(page.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0, { timeout: 60_000 });
  expect(await Promise.all([use(0), use(1), use(2)])).toEqual([401, 401, 401]);
  await context.close();
});

test('40 concurrent uses of an expiring token across the three make one token request', async () => {
  let tokenRequests = 0;
  const provider = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      tokenRequests++;
      const n = tokenRequests;
      // Slow, so every caller overlaps the one request in flight.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: `provider-token-${n}`, token_type: 'Bearer', expires_in: 3600 }));
      }, 300);
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', () => resolve()));
  try {
    const appId = uniqueId('many_cc');
    const tokenUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/token`;
    await api(0, '/api/v1/connections', { method: 'POST', body: JSON.stringify({ app_id: appId, environments: { draft: { kind: 'oauth_auth_client_credentials_flow', type: 'team' } } }) });
    const set = await api(1, `/api/v1/connections/${appId}/draft/credentials`, { method: 'PUT', body: JSON.stringify({ client_id: 'cid', client_secret: 'many-secret', token_url: tokenUrl }) });
    expect(set.status, await set.text()).toBe(200);
    const runtime = `/api/v1/connections/${appId}/draft/runtime-credentials`;
    const first = await api(2, runtime);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(tokenRequests).toBe(1);
    for (let round = 0; round < 2; round++) {
      // The stored token has expired (as the bench does it: waiting out a short lifetime instead
      // would make a slow machine's later callers renew the new token too): every caller needs a new one.
      writeDb(
        "update credentials set token_expires_at = ? where owner_key = 'team' and environment_id = (select e.id from environments e join connections c on c.id = e.connection_id where c.app_id = ? and e.env = 'draft')",
        Date.now() - 60_000,
        appId,
      );
      const before = tokenRequests;
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => api(i, runtime).then(async (r) => ({ status: r.status, body: (await r.json()) as { credentials: { access_token: string } } }))));
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
      expect(tokenRequests - before, `round ${round}`).toBe(1);
      expect(new Set(answers.map((a) => a.body.credentials.access_token))).toEqual(new Set([`provider-token-${tokenRequests}`]));
    }
  } finally {
    provider.close();
  }
});

test('the sign-in limit holds across instances', async ({ page }) => {
  const user = await addUser(page, 'member');
  const tries = Array.from({ length: 30 }, async (_, i) => {
    const origin = instances[i % 3].url;
    const csrfAnswer = await fetch(`${origin}/api/auth/csrf`);
    const cookie = (csrfAnswer.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await csrfAnswer.json()) as { csrfToken: string };
    return fetch(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': '203.0.113.90' },
      body: new URLSearchParams({ email: user.email, password: `wrong-${i}`, csrfToken, callbackUrl: origin }),
    });
  });
  await Promise.all(tries);
  // Counted in the shared database before any password is checked: exactly the limit got through.
  const pair = readDb((db) => db.prepare('select attempts from sign_in_attempts where key = ?').get(`pair:${user.email}|203.0.113.90`) as { attempts: number } | undefined);
  expect(pair?.attempts).toBe(5);
});

test('kill -9 of one instance in the middle of an import loses nothing: the import is all or none, the others keep serving', async () => {
  const CONNECTIONS = 2_000;
  const yaml = (prefix: string) =>
    Array.from({ length: CONNECTIONS }, (_, i) => `spec_version: v1\nkind: connection\napp_id: ${prefix}_${i}\nenvironments:\n  draft: { kind: basic, type: team, server_url: "https://x${i}.example.test" }\n`).join('---\n');
  const count = (prefix: string) =>
    readDb((db) => (db.prepare(`select count(*) n from connections where app_id like ? escape '\\'`).get(`${prefix}\\_%`) as { n: number }).n);
  const victim = instances[2];
  const prefix = uniqueId('killed');
  const started = Date.now();
  const request = fetch(`${victim.url}/api/v1/import`, { method: 'POST', headers: { ...bearer(key), 'content-type': 'application/yaml' }, body: yaml(prefix) }).then(
    (r) => `answered ${r.status}`,
    () => 'cut off',
  );
  // Until the import has reached the database's lock or its writes, then kill.
  await new Promise((r) => setTimeout(r, 400 + Math.random() * 400));
  victim.child!.kill('SIGKILL');
  await exited(victim.child!);
  const answer = await request;
  const n = count(prefix);
  expect([0, CONNECTIONS], `${n} connections after "${answer}" (${Date.now() - started} ms)`).toContain(n);
  if (answer.startsWith('answered 2')) expect(n).toBe(CONNECTIONS);
  // The other instances keep serving, and the same import then goes through on one of them.
  const again = await fetch(`${instances[1].url}/api/v1/import`, { method: 'POST', headers: { ...bearer(key), 'content-type': 'application/yaml' }, body: yaml(uniqueId('survived')) });
  expect(again.status, await again.text()).toBeLessThan(300);
  expect((await api(0, '/api/v1/connections?limit=1')).status).toBe(200);
  // Restarted, the instance serves again on the same database.
  const restarted = await startInstance(Number(new URL(victim.url).port));
  instances[2] = restarted;
  extra.push(restarted.child);
  expect((await api(2, '/api/v1/connections?limit=1')).status).toBe(200);
});
