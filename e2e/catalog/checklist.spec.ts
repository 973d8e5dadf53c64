import { expect, test } from '@playwright/test';
import { createConnection, readDb, uniqueId } from '../fixtures/console';

// The OAuth checklist: each control is disabled, with its reason, until the step before is done.

test('auth code: copy the redirect URI, then the registration, then Connect', async ({ page }) => {
  const appId = uniqueId('checklist');
  await createConnection(page, appId, { kind: 'oauth_auth_code_flow', type: 'team' });
  const checklist = page.getByRole('list', { name: 'Setup checklist' });
  const setRegistration = checklist.getByRole('button', { name: 'Set the client registration' });
  const connect = checklist.getByRole('button', { name: 'Connect' });
  await expect(setRegistration).toBeDisabled();
  await expect(setRegistration).toHaveAccessibleDescription(/Copy the redirect URI first/);
  await expect(connect).toBeDisabled();
  await expect(connect).toHaveAccessibleDescription(/save the client registration first \(step 2\)/);
  await expect(checklist.getByRole('link', { name: 'Connect' })).toHaveCount(0);

  await checklist.getByRole('button', { name: 'Copy redirect URI' }).click();
  const registrationLink = checklist.getByRole('link', { name: 'Set the client registration' });
  await expect(registrationLink).toBeVisible();
  await expect(connect).toBeDisabled();
  // The copy is remembered in this browser.
  await page.reload();
  await expect(checklist.getByRole('link', { name: 'Set the client registration' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByLabel('Client ID', { exact: true }).fill('checklist-client');
  await form.getByLabel('Authorization URL', { exact: true }).fill('https://idp.example.test/authorize');
  await form.getByLabel('Token URL', { exact: true }).fill('https://idp.example.test/token');
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();
  await expect(checklist.getByRole('link', { name: 'Connect' })).toBeVisible();
  await expect(checklist.getByRole('button', { name: 'Connect' })).toHaveCount(0);
});

test('client credentials: Test stays disabled until the registration exists, and nothing is audited', async ({ page }) => {
  const appId = uniqueId('checklist_cc');
  await createConnection(page, appId, { kind: 'oauth_auth_client_credentials_flow', type: 'team' });
  const checklist = page.getByRole('list', { name: 'Setup checklist' });
  await expect(checklist.getByRole('button', { name: 'Copy redirect URI' })).toHaveCount(0);
  await expect(checklist.getByRole('link', { name: 'Set the client registration' })).toBeVisible();
  const test = checklist.getByRole('button', { name: 'Test' });
  await expect(test).toBeDisabled();
  await expect(test).toHaveAccessibleDescription(/save the client registration first \(step 1\)/);
  expect(readDb((db) => db.prepare("select count(*) n from audit_events where target = ? and action like 'oauth.%'").get(appId))).toEqual({ n: 0 });
});
