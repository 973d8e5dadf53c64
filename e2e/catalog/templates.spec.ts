import { expect, test, type Page } from '@playwright/test';
import { uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { consentAtProvider, tokenRows } from '../fixtures/oauth-console';
import { s256, startOAuthServer, type OAuthServer } from '../fixtures/oauth-server';

// Connections made from catalog templates, completed through oidc-provider's real consent pages.
// The templates carry real provider URLs; each test points the pre-filled URLs (or the template's
// host parameter) at the loopback provider before saving, so the pre-fill path runs end to end.

let provider: OAuthServer;
test.beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: `${E2E.baseUrl}/api/oauth/callback` });
});
test.afterAll(async () => provider.close());
test.describe.configure({ mode: 'serial' });

/** Signs in at the provider and consents when it asks (it does not for scopes it does not know). */
async function signInAtProvider(page: Page, account: string) {
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  await Promise.race([
    consent.waitFor({ state: 'visible', timeout: 30_000 }).catch(() => undefined),
    page.waitForURL((url) => url.origin === E2E.baseUrl, { timeout: 30_000 }).catch(() => undefined),
  ]);
  if (new URL(page.url()).origin !== E2E.baseUrl) await consent.click();
}

async function openTemplate(page: Page, search: string, tile: RegExp) {
  await page.goto('/connections/new');
  await page.getByRole('searchbox').fill(search);
  await page.getByRole('list', { name: 'Providers' }).getByRole('link', { name: tile }).click();
}

test('the gallery searches providers, shows logos or letters, and keeps Custom last', async ({ page }) => {
  await page.goto('/connections/new');
  const gallery = page.getByRole('list', { name: 'Providers' });
  expect(await gallery.getByRole('listitem').count()).toBeGreaterThan(60);
  await expect(gallery.getByRole('listitem').last()).toContainText('Custom');
  await expect(gallery.getByRole('img', { name: 'GitHub logo' })).toBeVisible();
  await page.getByRole('searchbox').fill('tenant-less nothing matches');
  await expect(page.getByText('No provider matches')).toBeVisible();
  await expect(gallery.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox').fill('servicenow');
  await expect(gallery.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Category' }).selectOption('ai');
  await expect(gallery.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox').fill('');
  await expect(gallery.getByRole('link', { name: /^OpenAI/ })).toBeVisible();
  await gallery.getByRole('link', { name: /Custom/ }).click();
  await expect(page.getByLabel('Authentication kind')).toBeVisible();
});

test('Microsoft Entra (tenant parameter): pre-filled registration, consent at the provider, tenant in both URLs', async ({ page }) => {
  const appId = uniqueId('entra');
  await openTemplate(page, 'entra', /Microsoft Entra ID/);
  const form = page.getByRole('form', { name: 'New Microsoft Entra ID / Graph connection' });
  await expect(form.getByLabel('Authorization URL')).toHaveValue('https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize');
  await expect(form.getByLabel('Token URL')).toHaveValue('https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token');
  await expect(page.getByTestId('template-redirect-uri')).toHaveText(`${E2E.baseUrl}/api/oauth/callback`);
  await expect(form.getByLabel(/^openid/)).toBeChecked();
  await expect(form.getByLabel(/^Mail\.Read/)).not.toBeChecked();

  await form.getByLabel('App ID').fill(appId);
  // A bad tenant is refused on its field and nothing is written.
  await form.getByLabel('Tenant').fill('not a tenant!');
  await form.getByLabel('Client ID').fill(provider.clients.basic.clientId);
  await form.getByRole('button', { name: 'Create connection' }).click();
  await expect(form.getByText('Tenant does not look right')).toBeVisible();
  expect(tokenRows(appId)).toEqual([]);

  await form.getByLabel('Tenant').fill('contoso');
  await form.getByLabel('Client secret').fill(provider.clients.basic.clientSecret);
  // Point the real Microsoft URLs at the loopback provider, keeping the {tenant} placeholder.
  await form.getByLabel('Authorization URL').fill(provider.authorizationUrl('{tenant}'));
  await form.getByLabel('Token URL').fill(provider.tokenUrl('{tenant}'));
  await form.getByLabel(/^Mail\.Read/).check();
  await form.getByRole('button', { name: 'Create connection' }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}$`));

  // Member connection: the admin connects for themself on the connect page.
  await page.goto(`/connections/${appId}/connect?env=draft`);
  await page.getByRole('button', { name: `Connect to ${appId}` }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  const authorization = provider.authorizationRequests.at(-1)!;
  expect(authorization.tenant).toBe('contoso');
  expect(authorization.query.scope).toBe('openid offline_access User.Read Mail.Read');
  await consentAtProvider(page);
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}/connect\\?env=draft&oauth=connected`));
  const exchange = provider.tokenRequests.filter((r) => r.body.grant_type === 'authorization_code').at(-1)!;
  expect(exchange.tenant).toBe('contoso');
  expect(s256(exchange.body.code_verifier)).toBe(authorization.query.code_challenge);
  expect(tokenRows(appId).filter((r) => r.has_tokens)).toEqual([expect.objectContaining({ status: 'connected', has_refresh_token: 1 })]);
});

test('GitLab (host parameter) as a team connection: the host fills the URLs, Connect completes', async ({ page }) => {
  const appId = uniqueId('gitlab');
  await openTemplate(page, 'gitlab', /GitLab/);
  const form = page.getByRole('form', { name: 'New GitLab connection' });
  await form.getByLabel('App ID').fill(appId);
  await form.getByLabel('Once for the team (team)').check();
  await form.getByLabel('GitLab host').fill(new URL(provider.issuer).host);
  await form.getByLabel('Client ID').fill(provider.clients.post.clientId);
  await form.getByLabel('Client secret').fill(provider.clients.post.clientSecret);
  // Loopback speaks http and oidc-provider's paths; the {host} placeholder stays.
  await form.getByLabel('Authorization URL').fill('http://{host}/auth');
  await form.getByLabel('Token URL').fill('http://{host}/token');
  // An optional scope of the template that the loopback provider also knows, so it asks for consent.
  await form.getByLabel(/^api —/).check();
  await form.getByRole('button', { name: 'Create connection' }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}$`));

  const oauth = page.getByRole('region', { name: 'OAuth' });
  await oauth.getByRole('link', { name: 'Connect' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  const authorization = provider.authorizationRequests.at(-1)!;
  expect(authorization.query.scope).toBe('read_user api');
  expect(authorization.query.client_id).toBe(provider.clients.post.clientId);
  await consentAtProvider(page, 'gitlab-team');
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}\\?env=draft&oauth=connected`));
  await expect(oauth.getByRole('link', { name: 'Reconnect' })).toBeVisible();
  expect(tokenRows(appId)).toEqual([expect.objectContaining({ owner_key: 'team', has_tokens: 1, status: 'connected' })]);
});

test('Okta: a third template, its URLs edited to the loopback provider, connected as a member', async ({ page }) => {
  const appId = uniqueId('okta');
  await openTemplate(page, 'okta', /Okta/);
  const form = page.getByRole('form', { name: 'New Okta connection' });
  await expect(form.getByLabel('Authorization URL')).toHaveValue('https://{domain}/oauth2/v1/authorize');
  await form.getByLabel('App ID').fill(appId);
  // The domain only allows Okta-hosted names.
  await form.getByLabel('Okta domain').fill('127.0.0.1');
  await form.getByLabel('Client ID').fill(provider.clients.basic.clientId);
  await form.getByRole('button', { name: 'Create connection' }).click();
  await expect(form.getByText('Okta domain does not look right')).toBeVisible();
  await form.getByLabel('Okta domain').fill('acme.okta.com');
  await form.getByLabel('Client secret').fill(provider.clients.basic.clientSecret);
  await form.getByLabel('Authorization URL').fill(provider.authorizationUrl());
  await form.getByLabel('Token URL').fill(provider.tokenUrl());
  await form.getByLabel(/^email —/).check();
  await form.getByRole('button', { name: 'Create connection' }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}$`));
  await page.goto(`/connections/${appId}/connect?env=draft`);
  await page.getByRole('button', { name: `Connect to ${appId}` }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  expect(provider.authorizationRequests.at(-1)!.query.scope).toBe('openid offline_access email');
  await signInAtProvider(page, 'okta-member');
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}/connect\\?env=draft&oauth=connected`));
  expect(tokenRows(appId).filter((r) => r.has_tokens)).toEqual([expect.objectContaining({ status: 'connected', has_refresh_token: 1 })]);
});
