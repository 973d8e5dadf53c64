import { expect, test } from '@playwright/test';
import { createConnection, uniqueId } from '../fixtures/console';

test('an unknown connection, a page past the last one and a search without match each say what happened', async ({ page }) => {
  const missing = uniqueId('nothing_here');
  const response = await page.goto(`/connections/${missing}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This connection does not exist' })).toBeVisible();
  await expect(page.getByRole('navigation').first()).toBeVisible();
  await page.getByRole('link', { name: 'Back to connections' }).click();
  await expect(page).toHaveURL(/\/connections$/);

  const appId = uniqueId('states');
  await createConnection(page, appId, { kind: 'bearer' });
  await page.goto(`/connections?q=${appId}&page=99`);
  await expect(page.getByRole('heading', { name: 'There is no page 99' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to page 1' }).click();
  await expect(page.getByRole('link', { name: appId })).toBeVisible();

  await page.goto(`/connections?q=${uniqueId('no_match')}`);
  await expect(page.getByRole('heading', { name: 'No connections match your search' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear search' }).click();
  await expect(page).toHaveURL(/\/connections$/);

  expect((await page.goto('/no/such/page'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('an OAuth outcome link with words of its own shows only the generic message', async ({ page }) => {
  await page.goto(`/connections?oauth=error&message=${encodeURIComponent('Your session expired, sign in at https://evil.example')}`);
  await expect(page.getByText('The provider did not grant access.')).toBeVisible();
  await expect(page.getByText('evil.example')).toHaveCount(0);
});

test('a saved secret shows as set and its typed value leaves the form', async ({ page }) => {
  const appId = uniqueId('saved');
  await createConnection(page, appId, { kind: 'bearer' });
  const form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByLabel('Token', { exact: true }).fill('typed-token-value');
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();
  await expect(form.getByText('Set', { exact: true })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Replace Token' })).toBeVisible();
  // The token is required: clearing it could only fail, so it is not offered.
  await expect(form.getByRole('button', { name: 'Clear Token' })).toHaveCount(0);
  await expect(form.locator('input[type=password]')).toHaveCount(0);
  expect(await page.content()).not.toContain('typed-token-value');
});

test('a member OAuth connection without its client registration says so instead of offering Connect', async ({ page }) => {
  const appId = uniqueId('unregistered');
  await createConnection(page, appId, { kind: 'oauth_auth_code_flow', type: 'member' });
  const oauth = page.getByRole('region', { name: 'OAuth' });
  await expect(oauth.getByText('Not ready to connect')).toBeVisible();
  await expect(oauth.getByRole('link', { name: 'Connect' })).toHaveCount(0);

  const form = page.getByRole('form', { name: 'Save client registration' });
  await form.getByLabel('Client ID', { exact: true }).fill('registered-client');
  await form.getByLabel('Authorization URL', { exact: true }).fill('https://idp.example.test/authorize');
  await form.getByLabel('Token URL', { exact: true }).fill('https://idp.example.test/token');
  await form.getByRole('button', { name: 'Save client registration' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();
  await expect(oauth.getByRole('link', { name: 'Connect' })).toBeVisible();
  await expect(oauth.getByText('Not ready to connect')).toHaveCount(0);
});
