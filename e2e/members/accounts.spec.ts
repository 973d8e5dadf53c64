import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { acceptInvitation, addUser, pageAs, PASSWORD_HASH_TIMEOUT, readDb, signIn, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';

// Long journeys through several browsers on a shared machine: generous time, no speed assertions.
test.describe.configure({ timeout: 180_000 });

test('invitation by link: no typed password, the invitee chooses one, the link works once', async ({ page, browser }) => {
  const email = `${uniqueId('invitee')}@example.test`.toLowerCase();
  await page.goto('/users');
  const form = page.getByRole('form', { name: 'Invite a user' });
  await expect(form.getByLabel(/password/i)).toHaveCount(0);
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Create invitation link' }).click();
  const url = (await page.getByTestId('new-account-link').textContent())!.trim();
  expect(url).toMatch(new RegExp(`^${E2E.baseUrl}/set-password/cma_`));
  await expect(page.getByRole('listitem').filter({ hasText: email })).toContainText('Invited: has not chosen a password yet');
  expect(readDb((db) => db.prepare('select password_hash from users where email = ?').get(email))).toEqual({ password_hash: null });
  expect(readDb((db) => db.prepare('select count(*) n from account_links where token_hash = ?').get(new URL(url).pathname.split('/').pop()))).toEqual({ n: 0 });

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await context.newPage();
  await invitee.goto(url);
  await expect(invitee.getByRole('heading', { name: 'Welcome' })).toBeVisible();
  await expect(invitee.getByText(`Choose a password for ${email}`)).toBeVisible();
  await invitee.getByLabel('New password').fill('short');
  await invitee.getByLabel('Repeat the password').fill('other');
  await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(invitee.getByText('Use at least 12 characters.')).toBeVisible();
  const password = `pw-${crypto.randomUUID()}`;
  await invitee.getByLabel('New password').fill(password);
  await invitee.getByLabel('Repeat the password').fill(`${password}x`);
  await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(invitee.getByText('The two passwords differ.')).toBeVisible();
  await invitee.getByLabel('Repeat the password').fill(password);
  await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(invitee).toHaveURL(/\/connections$/, { timeout: PASSWORD_HASH_TIMEOUT });
  await expect(invitee.getByTestId('signed-in-as')).toHaveText(email);

  await invitee.goto(url);
  await expect(invitee.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await context.close();
  const again = await pageAs(browser, { email, password });
  await expect(again.getByTestId('signed-in-as')).toHaveText(email);
});

test('an admin creates a password reset link; the old password stops working; users add in the CLI still works', async ({ page, browser }) => {
  const member = await addUser(page, 'member');
  await page.goto('/users');
  await page.getByRole('button', { name: `Password reset link for ${member.email}` }).click();
  const url = (await page.getByTestId('new-account-link').textContent())!.trim();

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const resetPage = await context.newPage();
  await resetPage.goto(url);
  await expect(resetPage.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await context.close();
  const newPassword = `pw-${crypto.randomUUID()}`;
  await acceptInvitation(browser, url, newPassword);

  const anonymous = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await anonymous.goto('/login');
  await anonymous.getByLabel('Email').fill(member.email);
  await anonymous.getByLabel('Password').fill(member.password);
  await anonymous.getByRole('button', { name: 'Sign in' }).click();
  await expect(anonymous.getByText('That email and password do not match an account.')).toBeVisible({ timeout: PASSWORD_HASH_TIMEOUT });
  await signIn(await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage(), member.email, newPassword);

  const cliEmail = `${uniqueId('cli')}@example.test`.toLowerCase();
  const cliPassword = `pw-${crypto.randomUUID()}`;
  const cli = spawnSync(process.execPath, [path.resolve('bin/connections.mjs'), 'users', 'add', '--email', cliEmail, '--role', 'member', '--password', cliPassword], {
    env: { ...process.env, DATABASE_PATH: E2E.dbPath, CONNECTIONS_ENCRYPTION_KEY: E2E.encryptionKey },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(cli.status, cli.stderr).toBe(0);
  await pageAs(browser, { email: cliEmail, password: cliPassword });
});
