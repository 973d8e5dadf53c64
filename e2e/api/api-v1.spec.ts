import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { connectionListSchema, credentialsResultSchema, errorSchema, importPlanSchema, runtimeCredentialsSchema } from '../../lib/api/response-schemas';
import { bearer, createApiKeyInConsole } from '../fixtures/api-keys';
import { addUser, pageAs, PASSWORD_HASH_TIMEOUT, readDb, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';

// Every /api/v1 route over HTTP against the real server, with keys made in the console.
test.describe.configure({ mode: 'serial' });
// Callers are anonymous unless a test sends a key or opens an admin page on purpose.
test.use({ storageState: { cookies: [], origins: [] } });

let adminKey = '';
let aliceKey = '';
let bobKey = '';
let alice = { email: '', password: '' };
let bob = { email: '', password: '' };

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['cache-control']).toBe('no-store');
  const body = errorSchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

async function json(response: APIResponse, status = 200) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['cache-control']).toBe('no-store');
  return response.json();
}

function create(request: APIRequestContext, key: string, doc: unknown) {
  return request.post('/api/v1/connections', { headers: bearer(key), data: doc });
}

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.adminState });
  const page = await context.newPage();
  alice = await addUser(page, 'member');
  bob = await addUser(page, 'member');
  adminKey = await createApiKeyInConsole(page, uniqueId('admin_tool'));
  aliceKey = await createApiKeyInConsole(page, uniqueId('alice_tool'), alice.email);
  bobKey = await createApiKeyInConsole(page, uniqueId('bob_tool'), bob.email);
  await expect(page.getByTestId('api-key-row').first()).toBeVisible();
  await context.close();
});

test('an anonymous caller gets 401 on every route; the OpenAPI description is public and generated', async ({ request }) => {
  const appId = uniqueId('anon');
  const calls = [
    request.get('/api/v1/connections'),
    request.post('/api/v1/connections', { data: { app_id: appId } }),
    request.get(`/api/v1/connections/${appId}`),
    request.put(`/api/v1/connections/${appId}`, { data: {} }),
    request.delete(`/api/v1/connections/${appId}`),
    request.put(`/api/v1/connections/${appId}/draft/credentials`, { data: {} }),
    request.get(`/api/v1/connections/${appId}/draft/runtime-credentials`),
    request.post('/api/v1/import', { data: 'kind: connection', headers: { 'content-type': 'application/yaml' } }),
    request.get(`/api/v1/connections/${appId}/export`),
  ];
  for (const response of await Promise.all(calls)) await expectError(response, 401, 'unauthenticated');
  await expectError(await request.get('/api/v1/connections', { headers: { authorization: 'Bearer cmk_not-a-real-key-not-a-real-key-not-a-real-k' } }), 401, 'unauthenticated');
  await expectError(await request.get('/api/v1/connections', { headers: { authorization: 'Basic abc' } }), 401, 'unauthenticated');
  await expectError(await request.get('/api/v1/no-such-route', { headers: bearer(adminKey) }), 404, 'not_found');

  const openapi = await json(await request.get('/api/v1/openapi.json'));
  expect(openapi.openapi).toBe('3.1.0');
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/connections', '/connections/{app_id}', '/connections/{app_id}/{env}/runtime-credentials', '/import']));
  // From the zod schema: the app id pattern and every kind, including the aliases' targets.
  expect(JSON.stringify(openapi.components.schemas.ConnectionInput)).toContain('app_id');
  expect(JSON.stringify(openapi.components.schemas.CredentialsInput)).toContain('oauth_auth_on_behalf_of_flow');
});

test('a key in the query string is refused, even a valid one', async ({ request }) => {
  for (const name of ['api_key', 'key', 'access_token']) {
    const error = await expectError(await request.get(`/api/v1/connections?${name}=${adminKey}`), 400, 'bad_input');
    expect(error.message).toMatch(/never accepted in the URL/);
  }
  await expectError(await request.get(`/api/v1/connections/x/draft/runtime-credentials?api_key=${adminKey}`, { headers: bearer(adminKey) }), 400, 'bad_input');
});

test('admins create, read, page, replace and delete connections; bad input names the field', async ({ request }) => {
  const appId = uniqueId('crud');
  const doc = { spec_version: 'v1', kind: 'connection', app_id: appId, environments: { draft: { kind: 'basic', type: 'team', server_url: 'https://crm.example.com' } } };
  const created = await json(await create(request, adminKey, doc), 201);
  expect(created).toMatchObject({ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } });
  await expectError(await create(request, adminKey, doc), 409, 'conflict');
  const bad = await expectError(await create(request, adminKey, { app_id: 'no spaces!', environments: { draft: { kind: 'kv', type: 'member' } } }), 400, 'bad_input');
  expect(Object.keys(bad.fields)).toEqual(expect.arrayContaining(['app_id', 'environments.draft.type']));
  await expectError(await request.post('/api/v1/connections', { headers: { ...bearer(adminKey), 'content-type': 'application/json' }, data: '{not json' }), 400, 'bad_input');
  await expectError(await create(request, aliceKey, { ...doc, app_id: uniqueId('member_try') }), 403, 'forbidden');

  expect(await json(await request.get(`/api/v1/connections/${appId}`, { headers: bearer(aliceKey) }))).toMatchObject({ app_id: appId });
  await expectError(await request.get(`/api/v1/connections/${uniqueId('missing')}`, { headers: bearer(adminKey) }), 404, 'not_found');

  const second = uniqueId('crud');
  await json(await create(request, adminKey, { ...doc, app_id: second }), 201);
  const first = connectionListSchema.parse(await json(await request.get(`/api/v1/connections?limit=1&q=crud_`, { headers: bearer(adminKey) })));
  expect(first.items).toHaveLength(1);
  expect(first.next_cursor).toBeTruthy();
  const next = connectionListSchema.parse(await json(await request.get(`/api/v1/connections?limit=1&q=crud_&cursor=${first.next_cursor}`, { headers: bearer(aliceKey) })));
  expect(next.items[0].app_id > first.items[0].app_id).toBe(true);
  const paging = await expectError(await request.get('/api/v1/connections?limit=1000', { headers: bearer(adminKey) }), 400, 'bad_input');
  expect(paging.fields.limit).toMatch(/at most 100/);

  await json(await request.put(`/api/v1/connections/${appId}/draft/credentials`, { headers: bearer(adminKey), data: { username: 'svc', password: 'pw' } }));
  const change = { environments: { draft: { kind: 'bearer', type: 'team' } } };
  const conflict = await expectError(await request.put(`/api/v1/connections/${appId}`, { headers: bearer(adminKey), data: change }), 409, 'conflict');
  expect(conflict.message).toMatch(/removes the stored credentials of 1 owner/);
  await expectError(await request.put(`/api/v1/connections/${appId}`, { headers: bearer(aliceKey), data: change }), 403, 'forbidden');
  const replaced = await json(await request.put(`/api/v1/connections/${appId}?confirm_credential_removal=true`, { headers: bearer(adminKey), data: change }));
  expect(replaced.environments.draft.kind).toBe('bearer');

  await expectError(await request.delete(`/api/v1/connections/${appId}`, { headers: bearer(bobKey) }), 403, 'forbidden');
  expect(await json(await request.delete(`/api/v1/connections/${appId}`, { headers: bearer(adminKey) }))).toEqual({ deleted: true, app_id: appId });
  await expectError(await request.get(`/api/v1/connections/${appId}`, { headers: bearer(adminKey) }), 404, 'not_found');
  const audit = readDb((db) => db.prepare("select action, actor_label from audit_events where target = ? order by id").all(appId) as Array<{ action: string; actor_label: string }>);
  expect(audit.map((a) => a.action)).toEqual(['connection.create', 'credentials.set', 'connection.update', 'connection.delete']);
  expect(audit[0].actor_label).toMatch(/\(api_key\)$/);
});

test('team credentials: admins set them, members are refused, and runtime resolution is for admins', async ({ request, browser }) => {
  const appId = uniqueId('team_basic');
  await json(await create(request, adminKey, { app_id: appId, environments: { live: { kind: 'basic', type: 'team', server_url: 'https://api.example.com', custom_config_entries: { region: 'eu' } } } }), 201);
  const url = `/api/v1/connections/${appId}/live/credentials`;
  await expectError(await request.put(url, { headers: bearer(aliceKey), data: { username: 'x', password: 'y' } }), 403, 'forbidden');
  const invalid = await expectError(await request.put(url, { headers: bearer(adminKey), data: { username: 'svc', token: 'not a basic field' } }), 400, 'bad_input');
  expect(Object.keys(invalid.fields)).toContain('token');
  const missing = await expectError(await request.put(url, { headers: bearer(adminKey), data: { username: 'svc' } }), 400, 'bad_input');
  expect(missing.fields.password).toMatch(/required/);
  const set = credentialsResultSchema.parse(await json(await request.put(url, { headers: bearer(adminKey), data: { username: 'svc', password: 'team-secret-pw' } })));
  expect(set.owners).toEqual(['team']);
  expect(JSON.stringify(set)).not.toContain('team-secret-pw');

  const runtime = `/api/v1/connections/${appId}/live/runtime-credentials`;
  const resolved = runtimeCredentialsSchema.parse(await json(await request.get(runtime, { headers: bearer(adminKey) })));
  expect(resolved).toEqual({ kind: 'basic', server_url: 'https://api.example.com', credentials: { username: 'svc', password: 'team-secret-pw' }, custom_config_entries: { region: 'eu' }, config: {} });
  await expectError(await request.get(runtime, { headers: bearer(aliceKey) }), 403, 'forbidden');
  // Bearer calls are answered by the custom server's fast path; a console session goes through
  // Next's route handler. Both run the same lib handler and answer alike.
  const fast = await request.get(runtime, { headers: bearer(adminKey) });
  expect(fast.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  const context = await browser.newContext({ storageState: E2E.adminState });
  const viaNext = await context.request.get(runtime);
  expect(viaNext.headers()['content-security-policy']).toContain('nonce-');
  expect(await json(viaNext)).toEqual(resolved);
  await context.close();
  await expectError(await request.get(`/api/v1/connections/${appId}/draft/runtime-credentials`, { headers: bearer(adminKey) }), 404, 'not_found');
  await expectError(await request.get(`/api/v1/connections/${appId}/prod/runtime-credentials`, { headers: bearer(adminKey) }), 400, 'bad_input');
  expect(JSON.stringify(await (await request.get(`/api/v1/connections/${appId}`, { headers: bearer(adminKey) })).json())).not.toContain('team-secret-pw');

  // Reads are audited in batches (identical reads as one row with a count), never with a value.
  const reads = () => {
    const rows = readDb((db) => db.prepare("select outcome, detail from audit_events where target = ? and action = 'credentials.runtime_read'").all(appId) as { outcome: string; detail: string }[]);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + (JSON.parse(r.detail) as { count: number }).count);
    return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, n]) => ({ outcome, n }));
  };
  await expect.poll(reads, { timeout: 5_000 }).toEqual([
    { outcome: 'denied', n: 1 },
    { outcome: 'failure', n: 1 },
    { outcome: 'success', n: 3 },
  ]);
  expect(JSON.stringify(readDb((db) => db.prepare('select detail from audit_events where target = ?').all(appId)))).not.toContain('team-secret-pw');
});

test('member credentials: each member sets and reads only their own; a member who has not set up gets 428 with a connect URL', async ({ request, browser }) => {
  const appId = uniqueId('member_key');
  await json(await create(request, adminKey, { app_id: appId, environments: { draft: { kind: 'api_key', type: 'member' } } }), 201);
  const credentialsUrl = `/api/v1/connections/${appId}/draft/credentials`;
  const runtime = `/api/v1/connections/${appId}/draft/runtime-credentials`;
  const set = credentialsResultSchema.parse(await json(await request.put(credentialsUrl, { headers: bearer(aliceKey), data: { api_key: 'alice-own-key' } })));
  expect(set.owners).toEqual([alice.email]);

  expect((await json(await request.get(runtime, { headers: bearer(aliceKey) }))).credentials).toEqual({ api_key: 'alice-own-key' });
  expect((await json(await request.get(`${runtime}?user=${encodeURIComponent(alice.email)}`, { headers: bearer(adminKey) }))).credentials).toEqual({ api_key: 'alice-own-key' });
  const stolen = await request.get(`${runtime}?user=${encodeURIComponent(alice.email)}`, { headers: bearer(bobKey) });
  await expectError(stolen, 403, 'forbidden');
  expect(await stolen.text()).not.toContain('alice-own-key');
  // Runtime credentials are for tools: alice's own browser session is refused (her API key is not).
  const alicePage = await pageAs(browser, alice);
  const bySession = await alicePage.request.get(runtime);
  await expectError(bySession, 403, 'forbidden');
  expect(await bySession.text()).not.toContain('alice-own-key');
  await alicePage.context().close();

  const mustConnect = await expectError(await request.get(runtime, { headers: bearer(bobKey) }), 428, 'member_must_connect');
  expect(mustConnect.connect_url).toBe(`${E2E.baseUrl}/connections/${appId}/connect?env=draft`);
  const adminAsks = await expectError(await request.get(`${runtime}?user=${encodeURIComponent(bob.email)}`, { headers: bearer(adminKey) }), 428, 'member_must_connect');
  expect(adminAsks.connect_url).toContain(`/connections/${appId}/connect?env=draft`);
  await expectError(await request.get(`${runtime}?user=nobody@example.test`, { headers: bearer(adminKey) }), 404, 'not_found');
  await expectError(await request.get(`${runtime}?user=not-an-email`, { headers: bearer(adminKey) }), 400, 'bad_input');
});

test('import: YAML with many documents, dry run, all or nothing with lines; export round trips without secrets', async ({ request }) => {
  const id = uniqueId('imp');
  const yaml = `spec_version: v1\nkind: connection\napp_id: ${id}_a\nenvironments:\n  draft:\n    kind: kv\n    type: team\n---\nspec_version: v1\nkind: connection\napp_id: ${id}_b\nenvironments:\n  live:\n    kind: oauth_auth_on_behalf_of_flow\n    type: member\n    sso: true\n    idp_config:\n      header: { content-type: application/x-www-form-urlencoded }\n      body: { requested_token_use: on_behalf_of, requested_token_type: "urn:ietf:params:oauth:token-type:jwt" }\n`;
  const yamlHeaders = { ...bearer(adminKey), 'content-type': 'application/yaml' };
  const planned = importPlanSchema.parse(await json(await request.post('/api/v1/import?dry_run=true', { headers: yamlHeaders, data: yaml })));
  expect(planned).toMatchObject({ dry_run: true, created: 2, updated: 0 });
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id like ?').get(`${id}%`))).toEqual({ n: 0 });
  await expectError(await request.post('/api/v1/import', { headers: { ...bearer(aliceKey), 'content-type': 'application/yaml' }, data: yaml }), 403, 'forbidden');
  expect(importPlanSchema.parse(await json(await request.post('/api/v1/import', { headers: yamlHeaders, data: yaml })))).toMatchObject({ created: 2 });

  await json(await request.put(`/api/v1/connections/${id}_a/draft/credentials`, { headers: bearer(adminKey), data: { entries: { secret_entry: 'kv-secret-value' } } }));
  const exported = await request.get(`/api/v1/connections/${id}_a/export`, { headers: bearer(aliceKey) });
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-type']).toMatch(/yaml/);
  const text = await exported.text();
  expect(text).toContain(`app_id: ${id}_a`);
  expect(text).not.toContain('kv-secret-value');
  expect(importPlanSchema.parse(await json(await request.post('/api/v1/import', { headers: yamlHeaders, data: text })))).toMatchObject({ created: 0, updated: 1 });
  expect((await json(await request.get(`/api/v1/connections/${id}_a/draft/runtime-credentials`, { headers: bearer(adminKey) }))).credentials).toEqual({ entries: { secret_entry: 'kv-secret-value' } });

  const jsonBody = JSON.stringify(['c', 'd'].map((n) => ({ spec_version: 'v1', kind: 'connection', app_id: `${id}_${n}`, environments: { draft: { kind: 'bearer', type: 'team' } } })));
  expect(await json(await request.post('/api/v1/import', { headers: { ...bearer(adminKey), 'content-type': 'application/json' }, data: jsonBody }))).toMatchObject({ created: 2 });

  const head = 'spec_version: v1\nkind: connection\n';
  const bad = `${head}app_id: ${id}_e\nenvironments: { draft: { kind: bearer, type: team } }\n---\n${head}app_id: ${id}_f\nenvironments:\n  draft:\n    kind: nonsense\n    type: team\n---\n${head}app_id: ${id}_e\nenvironments: { draft: { kind: bearer, type: team } }\n`;
  const error = await expectError(await request.post('/api/v1/import', { headers: yamlHeaders, data: bad }), 400, 'bad_input');
  expect(error.issues).toEqual([
    { document: 1, path: 'environments.draft.kind', line: 11, message: expect.stringMatching(/Unknown kind "nonsense"/) },
    { document: 2, path: 'app_id', line: 16, message: expect.stringMatching(/Duplicate app ID/) },
  ]);
  expect(error.fields['documents.1.environments.draft.kind']).toMatch(/^Line 11: /);
  await expectError(await request.post('/api/v1/import', { headers: yamlHeaders, data: 'kind: connection\napp_id: [oops\n' }), 400, 'bad_input');
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id in (?, ?)').get(`${id}_e`, `${id}_f`))).toEqual({ n: 0 });
});

test('bodies are limited, and a 1 MB field is a clear 400', async ({ request }) => {
  const huge = 'x'.repeat(5 * 1024 * 1024);
  await expectError(await request.post('/api/v1/connections', { headers: bearer(adminKey), data: { app_id: huge } }), 413, 'payload_too_large');
  const field = await expectError(await request.post('/api/v1/connections', { headers: bearer(adminKey), data: { app_id: uniqueId('big'), resource: { component: 'y'.repeat(1024 * 1024) } } }), 400, 'bad_input');
  expect(field.fields['resource.component']).toMatch(/At most/);
});

test('the console session works for the API, but not for cross-site writes', async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.adminState });
  const page = await context.newPage();
  await page.goto('/connections');
  const list = await page.request.get('/api/v1/connections?limit=5');
  expect(list.status()).toBe(200);
  const appId = uniqueId('session');
  const simple = await page.request.post('/api/v1/connections', { headers: { 'content-type': 'text/plain' }, data: JSON.stringify({ app_id: appId }) });
  await expectError(simple, 400, 'bad_input');
  const foreign = await page.request.post('/api/v1/connections', { headers: { origin: 'https://evil.example' }, data: { app_id: appId } });
  expect([403]).toContain(foreign.status());
  expect((await page.request.post('/api/v1/connections', { data: { app_id: appId } })).status()).toBe(201);
  await context.close();
});

test('a revoked key stops working at once', async ({ browser, request }) => {
  const context = await browser.newContext({ storageState: E2E.adminState });
  const page = await context.newPage();
  const name = uniqueId('revoke_me');
  const key = await createApiKeyInConsole(page, name);
  expect((await request.get('/api/v1/connections', { headers: bearer(key) })).status()).toBe(200);
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByTestId('api-key-row').filter({ hasText: name }).getByText('revoked')).toBeVisible();
  await expectError(await request.get('/api/v1/connections', { headers: bearer(key) }), 401, 'unauthenticated');
  await expectError(await request.get('/api/v1/connections/x/draft/runtime-credentials', { headers: bearer(key) }), 401, 'unauthenticated');
  const row = readDb((db) => db.prepare('select key_hash, prefix from api_keys where name = ?').get(name) as { key_hash: string; prefix: string });
  expect(row.key_hash).not.toContain(key);
  expect(key.startsWith(row.prefix)).toBe(true);
  await context.close();
});

test('members cannot open the API keys page', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(alice.email);
  await page.getByLabel('Password').fill(alice.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/connections/, { timeout: PASSWORD_HASH_TIMEOUT });
  expect((await page.goto('/settings/api-keys'))?.status()).toBe(404);
  await context.close();
});
