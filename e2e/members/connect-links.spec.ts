import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { bearer, createApiKeyInConsole } from '../fixtures/api-keys';
import { addUser, PASSWORD_HASH_TIMEOUT, readDb, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';

// Long journeys through several browsers on a shared machine: generous time, no speed assertions.
test.describe.configure({ timeout: 180_000 });

type Member = { email: string; password: string };

async function signedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

/** Fills the sign-in form the visitor was sent to; the caller checks where it lands. */
async function signInHere(page: Page, member: Member) {
  await expect(page).toHaveURL(/\/login\?returnTo=/);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function memberBasicConnection(request: import('@playwright/test').APIRequestContext, key: string): Promise<string> {
  const appId = uniqueId('member_basic');
  const created = await request.post('/api/v1/connections', { headers: bearer(key), data: { app_id: appId, environments: { draft: { kind: 'basic', type: 'member', server_url: 'https://api.example.com' } } } });
  expect(created.status(), await created.text()).toBe(201);
  return appId;
}

test('a signed-out member opening the connect_url of a 428 signs in and lands on that connect page', async ({ page, browser, request }) => {
  const key = await createApiKeyInConsole(page, uniqueId('agent'));
  const member = await addUser(page, 'member');
  const appId = await memberBasicConnection(request, key);

  const runtime = await request.get(`/api/v1/connections/${appId}/draft/runtime-credentials?user=${encodeURIComponent(member.email)}`, { headers: bearer(key) });
  expect(runtime.status(), await runtime.text()).toBe(428);
  const connectUrl = (await runtime.json()).error.connect_url as string;
  expect(connectUrl).toBe(`${E2E.baseUrl}/connections/${appId}/connect?env=draft`);

  const anonymous = await signedOutPage(browser);
  await anonymous.goto(connectUrl);
  await signInHere(anonymous, member);
  await expect(anonymous).toHaveURL(`${E2E.baseUrl}/connections/${appId}/connect?env=draft`, { timeout: PASSWORD_HASH_TIMEOUT });
  await expect(anonymous.getByRole('heading', { level: 1, name: `Connect ${appId}` })).toBeVisible();

  // Any console page works the same way, and a foreign returnTo is ignored.
  const other = await signedOutPage(browser);
  await other.goto('/audit?outcome=denied');
  await expect(other).toHaveURL(/\/login\?returnTo=%2Faudit%3Foutcome%3Ddenied$/);
  await other.goto('/login?returnTo=//evil.example/x');
  await other.getByLabel('Email').fill(member.email);
  await other.getByLabel('Password').fill(member.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other).toHaveURL(`${E2E.baseUrl}/connections`, { timeout: PASSWORD_HASH_TIMEOUT });
});

test('connect link from the API: requested by and for, signed out to signed in, works once, back to an allowlisted return URL', async ({ page, browser, request }) => {
  const agent = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<h1>Back at the agent</h1><p>${req.url}</p>`);
  });
  await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', () => resolve()));
  const agentUrl = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
  try {
    const key = await createApiKeyInConsole(page, uniqueId('agent'));
    const member = await addUser(page, 'member');
    const appId = await memberBasicConnection(request, key);
    const links = `/api/v1/connections/${appId}/draft/connect-links`;
    const body = { user: member.email, requested_by: 'Report bot', reason: 'the weekly report', return_to: `${agentUrl}/done?job=7` };

    // Not on the allowlist yet: refused, nothing written.
    const refused = await request.post(links, { headers: bearer(key), data: body });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.fields.return_to).toMatch(/allowlist/);
    expect(readDb((db) => db.prepare('select count(*) n from connect_links l join environments e on e.id = l.environment_id join connections c on c.id = e.connection_id where c.app_id = ?').get(appId))).toEqual({ n: 0 });

    await page.goto('/settings/connect-links');
    await page.getByLabel('Allowed return URLs').fill('not a url');
    await page.getByRole('button', { name: 'Save allowlist' }).click();
    await expect(page.getByText(/Each line must be a full http\(s\) URL/)).toBeVisible();
    await page.getByLabel('Allowed return URLs').fill(`${agentUrl}/done`);
    await page.getByRole('button', { name: 'Save allowlist' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();

    const created = await request.post(links, { headers: bearer(key), data: body });
    expect(created.status(), await created.text()).toBe(201);
    const link = await created.json();
    expect(link).toMatchObject({ user: member.email, app_id: appId, env: 'draft', requested_by: 'Report bot', reason: 'the weekly report' });
    const token = new URL(link.url).pathname.split('/').pop()!;
    expect(Math.abs(new Date(link.expires_at).getTime() - Date.now() - 24 * 3600_000)).toBeLessThan(5 * 60_000);
    expect(readDb((db) => db.prepare('select count(*) n from connect_links where token_hash = ? or requested_by = ?').get(token, token))).toEqual({ n: 0 });

    const memberPage = await signedOutPage(browser);
    await memberPage.goto(link.url);
    await signInHere(memberPage, member);
    await expect(memberPage).toHaveURL(link.url);
    await expect(memberPage.getByText('Requested by Report bot for the weekly report')).toBeVisible();
    await expect(memberPage.getByText(`sent back to 127.0.0.1:${new URL(agentUrl).port}`)).toBeVisible();
    await memberPage.getByLabel('Username').fill('me-at-provider');
    await memberPage.getByLabel('Password').fill('my-provider-password');
    await memberPage.getByRole('button', { name: 'Save credentials' }).click();
    await expect(memberPage).toHaveURL(`${agentUrl}/done?job=7`);
    await expect(memberPage.getByRole('heading', { name: 'Back at the agent' })).toBeVisible();

    expect(readDb((db) => db.prepare('select used_at from connect_links where id = ?').get(link.id) as { used_at: number | null }).used_at).not.toBeNull();
    const runtime = await request.get(`/api/v1/connections/${appId}/draft/runtime-credentials?user=${encodeURIComponent(member.email)}`, { headers: bearer(key) });
    expect(runtime.status()).toBe(200);

    // Works once.
    await memberPage.goto(link.url);
    await expect(memberPage.getByText('This connect link was already used. Ask for a new one if you need to connect again.')).toBeVisible();
  } finally {
    agent.close();
  }
});

test('connect links from the connection page and the CLI; another user cannot use them; the done page', async ({ page, browser }) => {
  const member = await addUser(page, 'member');
  const stranger = await addUser(page, 'member');
  const appId = uniqueId('link_ui');
  await page.goto('/connections/new?template=custom');
  await page.getByLabel('App ID').fill(appId);
  await page.getByLabel('Authentication kind').selectOption('bearer');
  await page.getByLabel('By each member (member)').check();
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}$`));

  const form = page.getByRole('form', { name: 'Ask a member to connect' });
  await form.getByLabel('Member').selectOption(member.email);
  await form.getByLabel('Requested by').fill('Ticket triage agent');
  await form.getByLabel('For').fill('reading your open tickets');
  await form.getByLabel('Expires after').selectOption('1h');
  await form.getByLabel('Send them back to (optional)').fill('https://elsewhere.example/x');
  await form.getByRole('button', { name: 'Create link' }).click();
  await expect(page.getByText('That return URL is not on the allowlist (Settings → Connect links).')).toBeVisible();
  await form.getByLabel('Send them back to (optional)').fill('');
  await form.getByRole('button', { name: 'Create link' }).click();
  const url = (await page.getByTestId('new-connect-link').textContent())!.trim();
  expect(url).toMatch(new RegExp(`^${E2E.baseUrl}/connect-links/cml_`));

  const strangerPage = await signedOutPage(browser);
  await strangerPage.goto(url);
  await signInHere(strangerPage, stranger);
  await expect(strangerPage.getByText('This connect link was made for someone else. Sign in with the account it was sent to.')).toBeVisible();

  const memberPage = await signedOutPage(browser);
  await memberPage.goto(url);
  await signInHere(memberPage, member);
  await expect(memberPage.getByText('Requested by Ticket triage agent for reading your open tickets')).toBeVisible();
  await expect(memberPage.getByText(/It expires in (60 minutes|1 hour)/)).toBeVisible();
  await memberPage.getByLabel('Token').fill('member-own-token');
  await memberPage.getByRole('button', { name: 'Save credentials' }).click();
  await expect(memberPage.getByRole('heading', { name: `You connected ${appId}` })).toBeVisible();
  await expect(memberPage.getByText('Ticket triage agent can now use it for reading your open tickets.')).toBeVisible();

  // The CLI, on the same database, prints a link that works the same way.
  const cli = spawnSync(process.execPath, [path.resolve('bin/connections.mjs'), 'connect-link', '-a', appId, '--env', 'draft', '--user', member.email, '--requested-by', 'Nightly sync', '--expires-in', '2h'], {
    env: { ...process.env, DATABASE_PATH: E2E.dbPath, CONNECTIONS_ENCRYPTION_KEY: E2E.encryptionKey, APP_URL: E2E.baseUrl },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(cli.status, cli.stderr).toBe(0);
  const cliUrl = cli.stdout.split('\n')[0];
  expect(cliUrl).toMatch(new RegExp(`^${E2E.baseUrl}/connect-links/cml_`));
  await memberPage.goto(cliUrl);
  await expect(memberPage.getByText('Requested by Nightly sync', { exact: true })).toBeVisible();
  const bad = spawnSync(process.execPath, [path.resolve('bin/connections.mjs'), 'connect-link', '-a', appId, '--env', 'draft', '--user', 'nobody@example.test'], {
    env: { ...process.env, DATABASE_PATH: E2E.dbPath, CONNECTIONS_ENCRYPTION_KEY: E2E.encryptionKey },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toMatch(/No user has the email nobody@example.test/);
});
