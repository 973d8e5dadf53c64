import { expect, test, type Page } from '@playwright/test';
import { defineAuthSettings, saveAuthSettings } from '../fixtures/auth-settings';
import { addUser, createConnection, pageAs, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { consentAtProvider, registerClient, tokenRows, writeDb } from '../fixtures/oauth-console';
import { s256, startOAuthServer, type OAuthServer } from '../fixtures/oauth-server';

let provider: OAuthServer;
test.beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: `${E2E.baseUrl}/api/oauth/callback` });
});
test.afterAll(async () => provider.close());
test.beforeEach(() => provider.failTokenRequests(null));

test.describe.configure({ mode: 'serial' });

/** The outcome alert of a failed consent (not Next's empty route announcer, which is an alert too). */
const failure = (page: Page) => page.getByRole('alert').filter({ hasText: 'The connection did not complete' });

async function memberConnection(page: Page) {
  const appId = uniqueId('consent');
  await createConnection(page, appId, { kind: 'oauth_auth_code_flow', type: 'member' });
  await registerClient(page, appId, provider, { tenantUrls: true });
  await defineAuthSettings(page, appId, 'draft', {
    scopes: [{ name: 'openid', required: true }, { name: 'offline_access', required: true }, { name: 'email' }, { name: 'files.read' }],
    allowCustomize: true,
    allowAdditional: true,
    parameters: [{ key: 'tenant', label: 'Tenant ID' }],
    configValues: [],
  });
  await saveAuthSettings(page);
  return appId;
}

async function startConnect(page: Page, appId: string, tenant = 'contoso') {
  await page.goto(`/connections/${appId}/connect?env=draft`);
  const form = page.getByRole('form', { name: `Connect ${appId}` });
  await form.getByLabel('Customize scopes').check();
  await form.getByLabel('files.read').check();
  await form.getByLabel('Additional scopes').fill('calendar.read');
  await form.getByLabel('Tenant ID').fill(tenant);
  await form.getByRole('button', { name: `Connect to ${appId}` }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
}

test('a member customizes scopes, connects through the real consent page, and only they get tokens', async ({ page, browser }) => {
  const appId = await memberConnection(page);
  const [alice, bob] = [await addUser(page), await addUser(page)];
  const alicePage = await pageAs(browser, alice);
  const before = provider.tokenRequests.length;
  await startConnect(alicePage, appId);
  await consentAtProvider(alicePage);
  await expect(alicePage).toHaveURL(new RegExp(`/connections/${appId}/connect\\?env=draft&oauth=connected`));
  await expect(alicePage.getByText(`Connected to ${appId}`)).toBeVisible();
  await expect(alicePage.getByRole('link', { name: `Back to ${appId}` })).toBeVisible();

  // The provider received exactly the chosen scopes and the tenant in both URLs.
  const authorization = provider.authorizationRequests.at(-1)!;
  expect(authorization.query.scope).toBe('openid offline_access files.read calendar.read');
  expect(authorization.tenant).toBe('contoso');
  expect(authorization.query.code_challenge_method).toBe('S256');
  const exchange = provider.tokenRequests.slice(before).find((r) => r.body.grant_type === 'authorization_code')!;
  expect(exchange.tenant).toBe('contoso');
  expect(s256(exchange.body.code_verifier)).toBe(authorization.query.code_challenge);
  expect(exchange.body.redirect_uri).toBe(authorization.query.redirect_uri);
  expect(exchange.body.redirect_uri).toBe(`${E2E.baseUrl}/api/oauth/callback`);
  expect(exchange.headers.authorization).toMatch(/^Basic /);
  expect(exchange.body.client_secret).toBeUndefined();

  const rows = tokenRows(appId);
  const aliceId = rows.find((r) => r.owner_key !== 'team')!.owner_key;
  expect(rows.filter((r) => r.has_tokens)).toEqual([expect.objectContaining({ owner_key: aliceId, status: 'connected', has_refresh_token: 1 })]);
  expect(rows.find((r) => r.owner_key === 'team')!.has_tokens).toBe(0);
  const issued = provider.tokenResponses.at(-1)!.access_token as string;
  expect(await alicePage.content()).not.toContain(issued);

  const bobPage = await pageAs(browser, bob);
  await bobPage.goto(`/connections/${appId}`);
  await expect(bobPage.getByRole('region', { name: 'OAuth' })).toContainText('No token yet.');
  expect(await bobPage.content()).not.toContain(issued);
});

test('an admin connects a team connection for the team', async ({ page }) => {
  const appId = uniqueId('team_consent');
  await createConnection(page, appId, { kind: 'oauth_auth_code_flow', type: 'team' });
  await registerClient(page, appId, provider, { scope: 'openid offline_access email' });
  const oauth = page.getByRole('region', { name: 'OAuth' });
  await expect(oauth).toContainText(`${E2E.baseUrl}/api/oauth/callback`);
  await expect(oauth.getByRole('button', { name: 'Copy redirect URI' })).toBeVisible();
  await oauth.getByRole('link', { name: 'Connect' }).click();
  await consentAtProvider(page, 'team-service-account');
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}\\?env=draft&oauth=connected`));
  await expect(page.getByText('The provider granted access and the tokens are stored.')).toBeVisible();
  await expect(oauth.getByRole('link', { name: 'Reconnect' })).toBeVisible();
  expect(tokenRows(appId)).toEqual([expect.objectContaining({ owner_key: 'team', has_tokens: 1, status: 'connected', has_refresh_token: 1 })]);
});

test.describe('every failure is a clear message and stores nothing', () => {
  test('the member denies access at the provider', async ({ page }) => {
    const appId = await memberConnection(page);
    await startConnect(page, appId);
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Access was denied at the provider' })).toBeVisible();
    expect(tokenRows(appId).filter((r) => r.has_tokens)).toEqual([]);
  });

  test('a callback without state, and a replayed state', async ({ page }) => {
    const raw = await page.request.get('/api/oauth/callback?code=forged-code', { maxRedirects: 0 });
    expect(raw.status()).toBe(303);
    expect(raw.headers()['referrer-policy']).toBe('no-referrer');
    expect(raw.headers()['cache-control']).toBe('no-store');
    expect(new URL(raw.headers().location).origin).toBe(E2E.baseUrl);
    await page.goto('/api/oauth/callback?code=forged-code');
    await expect(failure(page)).toContainText('carried no state');

    const appId = await memberConnection(page);
    await startConnect(page, appId);
    let callbackUrl = '';
    page.on('request', (r) => {
      if (r.url().includes('/api/oauth/callback')) callbackUrl = r.url();
    });
    await consentAtProvider(page);
    await expect(page.getByText(`Connected to ${appId}`)).toBeVisible();
    const exchanges = provider.tokenRequests.length;
    await page.goto(callbackUrl);
    await expect(failure(page)).toContainText('unknown or was already used');
    expect(provider.tokenRequests.length).toBe(exchanges);
  });

  test('an expired state', async ({ page }) => {
    const appId = await memberConnection(page);
    await startConnect(page, appId);
    writeDb('update oauth_states set expires_at = ?', Date.now() - 1000);
    await consentAtProvider(page);
    await expect(failure(page)).toContainText('expired');
    expect(tokenRows(appId).filter((r) => r.has_tokens)).toEqual([]);
  });

  test('a state started by another user', async ({ page, browser }) => {
    const appId = await memberConnection(page);
    const mallory = await pageAs(browser, await addUser(page));
    // The admin starts a consent; another signed-in user finishes it with that state.
    await startConnect(page, appId);
    const started = provider.authorizationRequests.at(-1)!;
    await mallory.goto(`${provider.authorizationUrl(started.tenant)}?${new URLSearchParams(started.query)}`);
    await consentAtProvider(mallory, 'mallory-at-provider');
    await expect(failure(mallory)).toContainText('started by another user');
    expect(tokenRows(appId).filter((r) => r.has_tokens)).toEqual([]);
  });

  for (const [mode, text] of [
    ['status500', 'answered with status 500'],
    ['html', 'without JSON'],
    ['hang', 'did not answer within'],
    ['invalid_grant', 'invalid_grant'],
  ] as const) {
    test(`the code exchange fails: ${mode}`, async ({ page }) => {
      const appId = await memberConnection(page);
      await startConnect(page, appId);
      provider.failTokenRequests(mode);
      await consentAtProvider(page);
      await expect(page.getByRole('alert').filter({ hasText: 'The code exchange failed' })).toContainText(text, { timeout: 15_000 });
      await expect(page.getByRole('alert').filter({ hasText: 'The code exchange failed' })).toContainText('Nothing was stored.');
      expect(tokenRows(appId).filter((r) => r.has_tokens)).toEqual([]);
    });
  }
});

test('Test fetches a client-credentials token and shows status, scopes and expiry, never the token', async ({ page }) => {
  const appId = uniqueId('cc_test');
  await createConnection(page, appId, { kind: 'oauth_auth_client_credentials_flow', type: 'team' });
  const client = provider.clients.post;
  const form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByLabel('Client ID', { exact: true }).fill(client.clientId);
  await form.getByLabel('Client secret', { exact: true }).fill(client.clientSecret);
  await form.getByLabel('Token URL', { exact: true }).fill(provider.tokenUrl());
  await form.getByLabel('Scopes', { exact: true }).fill('api files.read');
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();

  const oauth = page.getByRole('region', { name: 'OAuth' });
  await oauth.getByRole('button', { name: 'Test' }).click();
  const result = oauth.getByRole('status').filter({ hasText: 'Token received' });
  await expect(result).toContainText('connected');
  await expect(result).toContainText('api files.read');
  await expect(result).toContainText('UTC');
  const issued = provider.tokenResponses.at(-1)!.access_token as string;
  expect(issued).toBeTruthy();
  expect(await page.content()).not.toContain(issued);
  await page.reload();
  await expect(page.getByRole('region', { name: 'OAuth' })).toContainText('api files.read');
  expect(await page.content()).not.toContain(issued);
  expect(tokenRows(appId)).toEqual([expect.objectContaining({ owner_key: 'team', has_tokens: 1, status: 'connected' })]);
});
