import { expect, test } from '@playwright/test';
import { uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { startMcpServer, type McpServer } from '../fixtures/mcp-server';
import { consentAtProvider, tokenRows } from '../fixtures/oauth-console';
import { s256, startOAuthServer, type OAuthServer } from '../fixtures/oauth-server';

// "Fill from issuer URL" and the MCP server template, against real oidc-provider instances on 127.0.0.1.

let provider: OAuthServer;
let mcp: McpServer;
test.beforeAll(async () => {
  [provider, mcp] = await Promise.all([startOAuthServer({ redirectUri: `${E2E.baseUrl}/api/oauth/callback` }), startMcpServer()]);
});
test.afterAll(async () => {
  await Promise.all([provider.close(), mcp.close()]);
});
test.describe.configure({ mode: 'serial' });

test('Fill from issuer URL fills the URLs, the auth method and the provider’s scopes, then consent completes', async ({ page }) => {
  const appId = uniqueId('oidc');
  await page.goto('/connections/new?template=openid_connect');
  const form = page.getByRole('form', { name: /New OpenID Connect/ });
  await form.getByLabel('Issuer URL').fill(`${provider.issuer}/nowhere`);
  await form.getByRole('button', { name: 'Fill from issuer URL' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Nothing was filled' })).toContainText('No OpenID Connect or OAuth 2.0 metadata');

  await form.getByLabel('Issuer URL').fill(provider.issuer);
  await form.getByRole('button', { name: 'Fill from issuer URL' }).click();
  await expect(form.getByText(`Filled from ${provider.issuer}`)).toBeVisible();
  await expect(form.getByLabel('Authorization URL')).toHaveValue(`${provider.issuer}/auth`);
  await expect(form.getByLabel('Token URL')).toHaveValue(`${provider.issuer}/token`);
  await expect(form.getByLabel('Send client credentials via')).toHaveValue('header');
  await form.getByLabel(/^files\.read/).check();

  await form.getByLabel('App ID').fill(appId);
  await form.getByLabel('Client ID').fill(provider.clients.basic.clientId);
  await form.getByLabel('Client secret').fill(provider.clients.basic.clientSecret);
  await form.getByRole('button', { name: 'Create connection' }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}$`));
  await page.goto(`/connections/${appId}/connect?env=draft`);
  await page.getByRole('button', { name: `Connect to ${appId}` }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  expect(provider.authorizationRequests.at(-1)!.query.scope).toBe('openid files.read');
  await consentAtProvider(page, 'discovered-member');
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}/connect\\?env=draft&oauth=connected`));
  expect(tokenRows(appId).filter((r) => r.has_tokens)).toHaveLength(1);
});

test('MCP server: discovery, dynamic client registration, consent with PKCE and the resource indicator', async ({ page }) => {
  const appId = uniqueId('mcp');
  await page.goto('/connections/new');
  await page.getByRole('searchbox').fill('mcp');
  await page.getByRole('list', { name: 'Providers' }).getByRole('link', { name: /MCP server/ }).click();
  const form = page.getByRole('form', { name: 'New MCP server connection' });
  await form.getByLabel('App ID').fill(appId);
  await form.getByLabel('MCP server URL').fill(mcp.serverUrl);
  const registrationsBefore = mcp.registrations.length;
  await form.getByRole('button', { name: 'Create connection' }).click();
  // Three discovery requests and a registration happen on the server first: a generous wait.
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}$`), { timeout: 30_000 });
  expect(mcp.registrations.length).toBe(registrationsBefore + 1);
  expect(mcp.registrations.at(-1)!.body.redirect_uris).toEqual([`${E2E.baseUrl}/api/oauth/callback`]);

  await page.goto(`/connections/${appId}/connect?env=draft`);
  await page.getByRole('button', { name: `Connect to ${appId}` }).click();
  await page.waitForURL((url) => url.origin === mcp.issuer);
  const authorization = mcp.authorizations.at(-1)!;
  expect(authorization.query).toMatchObject({ resource: mcp.serverUrl, scope: 'mcp:tools', code_challenge_method: 'S256' });
  await consentAtProvider(page, 'mcp-user');
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}/connect\\?env=draft&oauth=connected`));
  const exchange = mcp.tokens.filter((t) => t.body.grant_type === 'authorization_code').at(-1)!;
  expect(exchange.body.resource).toBe(mcp.serverUrl);
  expect(s256(exchange.body.code_verifier)).toBe(authorization.query.code_challenge);
  expect(tokenRows(appId).filter((r) => r.has_tokens)).toEqual([expect.objectContaining({ status: 'connected' })]);
});
