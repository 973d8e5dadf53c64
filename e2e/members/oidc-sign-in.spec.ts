import { expect, test, type Browser, type Page } from '@playwright/test';
import { bearer, createApiKeyInConsole } from '../fixtures/api-keys';
import { addUser, readDb, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { consentAtProvider } from '../fixtures/oauth-console';
import { startOAuthServer } from '../fixtures/oauth-server';

// Long journeys through several browsers on a shared machine: generous time, no speed assertions.
test.describe.configure({ timeout: 180_000 });

// The console's identity provider is a real oidc-provider on 127.0.0.1 (e2e/fixtures/console-idp.ts),
// started by playwright.config.ts with OIDC_ISSUER, OIDC_ALLOW_SIGNUP=1 and OIDC_ADMIN_GROUP set.

async function signInWithIdp(browser: Browser, email: string, path = '/connections'): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('button', { name: 'Continue with your identity provider' }).click();
  await consentAtProvider(page, email);
  return page;
}

test('sign in with the identity provider: existing users matched by email, new ones join as member or admin by group, back to the opened page', async ({ page, browser }) => {
  const member = await addUser(page, 'member');
  const back = `/connections?q=${uniqueId('back')}`;
  const memberPage = await signInWithIdp(browser, member.email.toUpperCase(), back);
  await expect(memberPage).toHaveURL(`${E2E.baseUrl}${back}`);
  await expect(memberPage.getByTestId('signed-in-as')).toHaveText(member.email);
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Your connections' })).toBeVisible();

  const boss = `${uniqueId('boss')}@example.test`;
  const bossPage = await signInWithIdp(browser, boss);
  await expect(bossPage.getByTestId('signed-in-as')).toHaveText(boss);
  await expect(bossPage.getByRole('link', { name: 'Users' })).toBeVisible();
  const newcomer = `${uniqueId('newcomer')}@example.test`;
  const newcomerPage = await signInWithIdp(browser, newcomer);
  await expect(newcomerPage.getByTestId('signed-in-as')).toHaveText(newcomer);
  await expect(newcomerPage.getByRole('link', { name: 'Users' })).toHaveCount(0);
  expect(readDb((db) => db.prepare('select email, role, password_hash from users where email in (?, ?) order by role').all(boss, newcomer))).toEqual([
    { email: boss, role: 'admin', password_hash: null },
    { email: newcomer, role: 'member', password_hash: null },
  ]);

  // The sign-in tokens are kept, encrypted.
  const stored = readDb((db) => db.prepare('select t.tokens from sign_in_tokens t join users u on u.id = t.user_id where u.email = ?').get(newcomer)) as { tokens: string };
  expect(stored.tokens).not.toMatch(/access_token|eyJ/);
  await page.goto(`/audit?q=${encodeURIComponent(newcomer)}`);
  await expect(page.getByTestId('audit-row').first()).toContainText(`${newcomer} signed in with the identity provider`);
});

test('direct access and token exchange use the member’s own sign-in token, from their API calls and the console, without X-Subject-Token', async ({ page, browser, request }) => {
  const exchange = await startOAuthServer({ redirectUri: `${E2E.baseUrl}/api/oauth/callback` });
  try {
    const adminKey = await createApiKeyInConsole(page, uniqueId('admin_key'));
    const direct = uniqueId('direct');
    const swap = uniqueId('swap');
    for (const [appId, kind] of [[direct, 'oauth_auth_direct_access_flow'], [swap, 'oauth_auth_token_exchange_flow']] as const) {
      const created = await request.post('/api/v1/connections', { headers: bearer(adminKey), data: { app_id: appId, environments: { draft: { kind, type: 'member', sso: true, server_url: 'https://api.example.com' } } } });
      expect(created.status(), await created.text()).toBe(201);
    }
    const registered = await request.put(`/api/v1/connections/${swap}/draft/credentials`, { headers: bearer(adminKey), data: { client_id: exchange.clients.basic.clientId, client_secret: exchange.clients.basic.clientSecret, token_url: exchange.tokenUrl() } });
    expect(registered.status(), await registered.text()).toBe(200);

    const email = `${uniqueId('sso')}@example.test`;
    const memberPage = await signInWithIdp(browser, email);
    await expect(memberPage.getByTestId('signed-in-as')).toHaveText(email);
    const memberKey = await createApiKeyInConsole(page, uniqueId('member_tool'), email);

    const passed = await request.get(`/api/v1/connections/${direct}/draft/runtime-credentials`, { headers: bearer(memberKey) });
    expect(passed.status(), await passed.text()).toBe(200);
    const signInToken = (await passed.json()).credentials.access_token as string;
    expect(signInToken.length).toBeGreaterThan(10);

    const exchanged = await request.get(`/api/v1/connections/${swap}/draft/runtime-credentials`, { headers: bearer(memberKey) });
    expect(exchanged.status(), await exchanged.text()).toBe(200);
    expect((await exchanged.json()).credentials.access_token).toMatch(/^tx-at-/);
    expect(exchange.tokenRequests.at(-1)!.body.subject_token).toBe(signInToken);

    // The console's Test button does the same with the field left empty.
    await memberPage.goto(`/connections/${swap}`);
    await memberPage.getByRole('button', { name: 'Test' }).click();
    await expect(memberPage.getByText('Token received')).toBeVisible();
    expect(exchange.tokenRequests.at(-1)!.body.subject_token).toBe(signInToken);

    // A member who signed in with a password has no sign-in token: the API still asks for the header.
    const passwordMember = await addUser(page, 'member');
    const otherKey = await createApiKeyInConsole(page, uniqueId('pw_tool'), passwordMember.email);
    const refused = await request.get(`/api/v1/connections/${direct}/draft/runtime-credentials`, { headers: bearer(otherKey) });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.message).toMatch(/X-Subject-Token/);
  } finally {
    await exchange.close();
  }
});
