import { expect, test, type Page } from '@playwright/test';
import { bearer, createApiKeyInConsole } from '../fixtures/api-keys';
import { addUser, createConnection, pageAs, readDb, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { consentAtProvider, registerClient, tokenRows } from '../fixtures/oauth-console';
import { startOAuthServer, type OAuthServer } from '../fixtures/oauth-server';

// Long journeys through several browsers on a shared machine: generous time, no speed assertions.
test.describe.configure({ timeout: 180_000 });

let provider: OAuthServer;
test.beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: `${E2E.baseUrl}/api/oauth/callback` });
});
test.afterAll(async () => provider.close());

const section = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
const item = (page: Page, name: string, shown: string) => section(page, name).getByRole("listitem", { name: `${shown} (draft)` });

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

test('the member home on a phone: needs your action, connected (scopes, expiry, last used), managed by admins; disconnect revokes at the provider', async ({ page, browser, request }) => {
  const prefix = uniqueId('home');
  const crm = `${prefix}_crm`;
  const shared = `${prefix}_team`;
  const files = `${prefix}_files`;
  const key = await createApiKeyInConsole(page, uniqueId('home_agent'));

  await createConnection(page, crm, { kind: 'basic', type: 'member' });
  const displayName = `Customer CRM ${prefix.slice(-6)}`;
  await page.getByRole('textbox', { name: 'Display name' }).fill(displayName);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await createConnection(page, shared, { kind: 'bearer' });
  const teamForm = page.getByRole('form', { name: 'Save team credentials' });
  await teamForm.getByLabel('Token', { exact: true }).fill('team-token');
  await teamForm.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();
  await createConnection(page, files, { kind: 'oauth_auth_code_flow', type: 'member' });
  await registerClient(page, files, provider, { scope: 'openid offline_access files.read' });

  const member = await addUser(page, 'member');
  const home = await pageAs(browser, member);
  await home.setViewportSize({ width: 390, height: 844 });
  await home.goto(`/connections?q=${prefix}`);
  await expect(home.getByRole('heading', { level: 1, name: 'Your connections' })).toBeVisible();
  await expect(item(home, 'Needs your action', displayName)).toContainText(crm);
  await expect(item(home, 'Needs your action', displayName)).toContainText('Not set up yet');
  await expect(item(home, 'Needs your action', files)).toBeVisible();
  await expect(item(home, 'Managed by admins', shared)).toContainText('Admins set these credentials for everyone.');
  await expect(section(home, 'Connected')).toContainText('Nothing matches these filters.');
  await expect(home.getByTestId(`connection-row-${crm}`)).toHaveCount(0);
  await noSidewaysScroll(home);

  // Set up the basic one from its Connect button.
  await item(home, 'Needs your action', displayName).getByRole('link', { name: `Connect ${displayName} (draft)` }).click();
  await home.getByLabel('Username').fill('me-at-crm');
  await home.getByLabel('Password').fill('my-crm-password');
  await home.getByRole('button', { name: 'Save credentials' }).click();
  await expect(home.getByText('Saved. Tools can now use these credentials.')).toBeVisible();
  await home.goto(`/connections?q=${prefix}`);
  await expect(item(home, 'Connected', displayName)).toContainText('Last usednot yet');

  // A tool reads it: "last used" follows (runtime reads are written in batches).
  expect((await request.get(`/api/v1/connections/${crm}/draft/runtime-credentials?user=${encodeURIComponent(member.email)}`, { headers: bearer(key) })).status()).toBe(200);
  await expect(async () => {
    await home.reload();
    await expect(item(home, 'Connected', displayName).getByTestId('relative-time')).toHaveText(/ago|now/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  // OAuth consent, then the granted scopes and expiry show.
  await item(home, 'Needs your action', files).getByRole('link', { name: /^Connect / }).click();
  await home.getByRole('button', { name: `Connect to ${files}` }).click();
  await consentAtProvider(home);
  await expect(home.getByText(`Connected to ${files}`)).toBeVisible();
  await home.goto(`/connections?q=${prefix}`);
  const connectedFiles = item(home, 'Connected', files);
  await expect(connectedFiles).toContainText('files.read');
  await expect(connectedFiles).toContainText(/Access untilin (an hour|60 minutes|59 minutes)/);
  await expect(connectedFiles.getByRole('link', { name: `Reconnect ${files} (draft)` })).toHaveAttribute('href', `/connections/${files}/connect?env=draft`);
  await noSidewaysScroll(home);

  // Disconnect: revoked at the provider (RFC 7009), tokens deleted, back under "Needs your action".
  const issued = provider.tokenResponses.filter((r) => typeof r.refresh_token === 'string').at(-1)!;
  expect(tokenRows(files).filter((r) => r.owner_key !== 'team')).toHaveLength(1);
  await connectedFiles.getByRole('button', { name: `Disconnect ${files} (draft)` }).click();
  await home.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
  await expect(item(home, 'Needs your action', files)).toBeVisible();
  expect(tokenRows(files).filter((r) => r.owner_key !== 'team')).toHaveLength(0);
  expect(provider.revocationRequests.length).toBeGreaterThanOrEqual(1);
  const refresh = await request.post(provider.tokenUrl(), {
    headers: { authorization: `Basic ${Buffer.from(`${provider.clients.basic.clientId}:${provider.clients.basic.clientSecret}`).toString('base64')}` },
    form: { grant_type: 'refresh_token', refresh_token: String(issued.refresh_token) },
  });
  expect(refresh.status()).toBe(400);
  expect((await refresh.json()).error).toBe('invalid_grant');
  expect(readDb((db) => db.prepare("select count(*) n from audit_events where action = 'connection.disconnect' and target = ?").get(files))).toEqual({ n: 1 });

  // Filters by status, kind and type; search by display name.
  await home.getByLabel('Status').selectOption('connected');
  await home.getByRole('button', { name: 'Apply' }).click();
  await expect(home.getByTestId('home-item')).toHaveCount(2);
  await home.getByLabel('Kind').selectOption('basic');
  await home.getByRole('button', { name: 'Apply' }).click();
  await expect(home.getByTestId('home-item')).toHaveCount(1);
  await expect(item(home, 'Connected', displayName)).toBeVisible();
  await home.goto(`/connections?q=${prefix}&type=team`);
  await expect(home.getByTestId('home-item')).toHaveCount(1);
  await expect(item(home, 'Managed by admins', shared)).toBeVisible();
  await home.goto(`/connections?${new URLSearchParams({ q: displayName })}`);
  await expect(home.getByTestId('home-item')).toHaveCount(1);
  await expect(item(home, 'Connected', displayName)).toBeVisible();

  // The admins' list has the same filters and search.
  await page.goto(`/connections?q=${prefix}&kind=bearer`);
  await expect(page.getByTestId(/^connection-row-/)).toHaveCount(1);
  await expect(page.getByTestId(`connection-row-${shared}`)).toBeVisible();
  await page.goto(`/connections?q=${prefix}&type=member`);
  await expect(page.getByTestId(/^connection-row-/)).toHaveCount(2);
  await page.goto(`/connections?q=${prefix}&status=connected`);
  await expect(page.getByTestId(/^connection-row-/)).toHaveCount(1);
  await page.goto(`/connections?${new URLSearchParams({ q: displayName })}`);
  await expect(page.getByTestId(`connection-row-${crm}`)).toBeVisible();
});
