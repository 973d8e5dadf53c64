import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createApiKey } from '../fixtures/admin-api';
import { addUser, pageAs, uniqueId } from '../fixtures/console';
import { databaseBytes } from '../fixtures/database';
import { E2E } from '../fixtures/e2e-env';
import { callAction, serverActions } from '../fixtures/server-actions';

/**
 * A unique secret in every secret field of every kind, set through the API, the CLI, an import and
 * a form; then every page, RSC payload, action result, API answer, export, error page, the server
 * log, the database file and its WAL and the built Next folder are searched for it (raw, base64,
 * hex, URL-encoded). It may only appear in runtime-credentials answers to an authorized caller.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const base = `cnry${crypto.randomBytes(6).toString('hex')}`;
const secrets: string[] = [];
const secret = (label: string) => {
  const value = `${base}-${label}`;
  secrets.push(value);
  return value;
};
/**
 * Every secret starts with `base`, so searching for `base` in each encoding finds every secret in it:
 * raw and URL-encoded (base is alphanumeric), hex, and base64/base64url at each of the three byte
 * alignments (the characters that depend on base's bytes alone). A few needles instead of a hundred
 * keep the scan of the 100 MB build folder to seconds.
 */
function base64Needles(value: string): string[] {
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(value)]).toString('base64');
    const core = encoded.slice([0, 2, 3][offset], -4);
    return [core, core.replaceAll('+', '-').replaceAll('/', '_')];
  });
}
const needles = [base, Buffer.from(base).toString('hex'), ...base64Needles(base)];

function assertClean(where: string, body: string | Buffer) {
  for (const needle of needles) expect(body.includes(needle), `${where} holds ${needle}`).toBe(false);
}

const json = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

async function ok(response: Promise<import('@playwright/test').APIResponse>) {
  const r = await response;
  expect(r.status(), await r.text()).toBeLessThan(300);
  return r;
}

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

test('a canary in every secret field, through every door, shows up only in authorized runtime answers', async ({ page, browser, request }) => {
  test.setTimeout(420_000);
  const key = await createApiKey(page.request, uniqueId('canary'));
  const apps: Record<string, string> = {};
  const api = (r: APIRequestContext, method: 'post' | 'put', url: string, data: unknown) => ok(r[method](url, { headers: json(key), data }));

  // 1. The API: every kind with every secret field.
  const viaApi: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['basic', { type: 'team' }, { username: 'u', password: secret('api-basic-password') }],
    ['bearer', { type: 'team' }, { token: secret('api-bearer-token') }],
    ['api_key', { type: 'team' }, { api_key: secret('api-apikey') }],
    ['key_value', { type: 'team' }, { entries: { k1: secret('api-kv-1'), k2: secret('api-kv-2') } }],
    ['oauth_auth_code_flow', { type: 'team' }, { client_id: 'c', client_secret: secret('api-ac-secret'), authorization_url: 'https://idp.example.test/a', token_url: 'https://idp.example.test/t' }],
    ['oauth_auth_client_credentials_flow', { type: 'team' }, { client_id: 'c', client_secret: secret('api-cc-secret'), token_url: 'https://idp.example.test/t' }],
    ['oauth_auth_password_flow', { type: 'team' }, { client_id: 'c', client_secret: secret('api-pw-secret'), username: 'u', password: secret('api-pw-password'), token_url: 'https://idp.example.test/t' }],
    ['oauth_auth_token_exchange_flow', { type: 'member', sso: true }, { client_id: 'c', client_secret: secret('api-tx-secret'), token_url: 'https://idp.example.test/t' }],
    ['oauth_auth_on_behalf_of_flow', { type: 'member', sso: true, idp_config: { header: {}, body: {} } }, { identity_provider: { url: 'https://idp.example.test/t', client_id: 'i', client_secret: secret('api-obo-idp-secret') }, client_id: 'c', token_url: 'https://app.example.test/t' }],
  ];
  for (const [kind, config, credentials] of viaApi) {
    const appId = (apps[`api_${kind}`] = uniqueId('cn'));
    await api(request, 'post', '/api/v1/connections', { app_id: appId, environments: { draft: { kind, ...config } } });
    await api(request, 'put', `/api/v1/connections/${appId}/draft/credentials`, credentials);
  }

  // 2. An import: password config values and a password parameter's value set afterwards.
  const imported = (apps.import = uniqueId('cn'));
  const yaml = `spec_version: v1
kind: connection
app_id: ${imported}
environments:
  draft:
    kind: bearer
    type: team
    auth:
      parameters:
        - { key: tenant_key, label: Tenant key, type: password }
      config_values:
        - { key: signing, label: Signing key, type: password, value: "${secret('import-config')}", visible: true }
`;
  await ok(request.post('/api/v1/import', { headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' }, data: yaml }));
  await api(request, 'put', `/api/v1/connections/${imported}/draft/credentials`, { token: secret('import-token'), parameters: { tenant_key: secret('import-param') } });

  // 3. The CLI, on the same database.
  const cliApp = (apps.cli = uniqueId('cn'));
  const cli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [path.join(root, 'bin/connections.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: E2E.dbPath, CONNECTIONS_ENCRYPTION_KEY: E2E.encryptionKey },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    assertClean(`CLI output of ${args[0]}`, run.stdout + run.stderr);
  };
  cli('add', '-a', cliApp);
  cli('configure', '-a', cliApp, '--env', 'draft', '-t', 'team', '-k', 'basic');
  cli('set-credentials', '-a', cliApp, '--env', 'draft', '-u', 'cli-user', '-p', secret('cli-password'));

  // 4. A form, keeping the server action's answer.
  const formApp = (apps.form = uniqueId('cn'));
  await api(request, 'post', '/api/v1/connections', { app_id: formApp, environments: { draft: { kind: 'api_key', type: 'team' } } });
  await page.goto(`/connections/${formApp}`);
  const form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByLabel('API key', { exact: true }).fill(secret('form-apikey'));
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();
  // The same action called directly: its whole answer, success and refusal, carries no secret.
  const setCredentials = serverActions({ appId: formApp }).get('app/(console)/connections/actions.ts#setCredentialsAction')!;
  const accepted = await callAction(page.request, setCredentials, [{ appId: formApp, env: 'draft', values: { kind: 'api_key', api_key: secret('action-apikey') } }]);
  expect(accepted.ok).toBe(true);
  assertClean('a server action answer', accepted.text);
  const refused = await callAction(page.request, setCredentials, [{ appId: formApp, env: 'draft', values: { kind: 'api_key', api_key: secret('action-rejected'), extra: secret('action-extra') } }]);
  expect(refused.ok).toBe(false);
  assertClean('a refused server action answer', refused.text);

  // Positive control: the runtime API does return them to an authorized caller, so the search works.
  const runtime = await ok(request.get(`/api/v1/connections/${apps.api_basic}/draft/runtime-credentials`, { headers: json(key) }));
  expect(await runtime.text()).toContain(`${base}-api-basic-password`);

  // Pages and RSC payloads, for an admin and a member.
  const member = await pageAs(browser, await addUser(page));
  const started = Date.now();
  const paths = ['/connections', '/connections/new', '/connections/import', '/users', '/audit', '/settings/api-keys', '/connections/no_such_app'];
  for (const appId of Object.values(apps)) {
    paths.push(`/connections/${appId}`, `/connections/${appId}?env=live`, `/connections/${appId}/connect?env=draft`, `/connections/${appId}/auth-settings?env=draft`);
  }
  // Plain fetch with each viewer's session cookie: fast, and no trace keeps hundreds of bodies.
  for (const viewer of [page, member]) {
    const cookie = (await viewer.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    for (const p of paths) {
      for (const headers of [{ cookie }, { cookie, RSC: '1' }] as Record<string, string>[]) {
        const body = await (await fetch(`${E2E.baseUrl}${p}`, { headers, redirect: 'manual' })).text();
        assertClean(`${headers.RSC ? 'RSC payload' : 'HTML'} of ${p}`, body);
      }
    }
  }
  console.log(`canary: ${paths.length * 4} page and payload reads in ${Date.now() - started} ms`);
  // API answers, exports and errors.
  const apiPaths = ['/api/v1/connections?limit=100', '/api/v1/openapi.json', '/api/v1/connections/no_such_app'];
  for (const appId of Object.values(apps)) apiPaths.push(`/api/v1/connections/${appId}`, `/api/v1/connections/${appId}/export`);
  for (const p of apiPaths) assertClean(`API ${p}`, await (await request.get(p, { headers: json(key) })).text());
  const badPut = await request.put(`/api/v1/connections/${apps.api_bearer}/draft/credentials`, { headers: json(key), data: { token: secret('rejected'), unknown_field: secret('rejected-2') } });
  expect(badPut.status()).toBe(400);
  assertClean('a 400 answer', await badPut.text());

  // The files: server log, database and WAL, the built Next folder.
  assertClean('the server log', fs.readFileSync(E2E.serverLog));
  for (const { name, bytes } of databaseBytes()) assertClean(name, bytes);
  const dist = path.join(root, process.env.NEXT_DIST_DIR ?? '.next');
  for (const file of files(dist)) assertClean(file, fs.readFileSync(file));
});
