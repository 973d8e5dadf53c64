import { expect, test } from '@playwright/test';
import { addUser, pageAs, PASSWORD_HASH_TIMEOUT, readDb, signIn } from '../fixtures/console';

// Several steps hash a password on purpose (scrypt N=2^17).
test.describe.configure({ timeout: 180_000 });

test('a user changes their own password: this session stays, their other sessions are signed out', async ({ page, browser }) => {
  const user = await addUser(page, 'member');
  const here = await pageAs(browser, user);
  const elsewhere = await pageAs(browser, user);
  const hashBefore = readDb((db) => (db.prepare('select password_hash h from users where email = ?').get(user.email) as { h: string }).h);

  await here.getByRole('link', { name: 'Account' }).click();
  await expect(here).toHaveURL(/\/account$/);
  await expect(here.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const form = here.getByRole('form', { name: 'Change password' });

  // Checked in the browser first (the shared schema): too short, not repeated.
  await form.getByLabel('Current password').fill(user.password);
  await form.getByLabel('New password', { exact: true }).fill('short');
  await form.getByLabel('Repeat new password').fill('different');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(form.getByText('The two new passwords do not match.')).toBeVisible();

  // A wrong current password is refused by the server, and nothing changes.
  const newPassword = `new-${user.password}`;
  await form.getByLabel('Current password').fill('not-my-password');
  await form.getByLabel('New password', { exact: true }).fill(newPassword);
  await form.getByLabel('Repeat new password').fill(newPassword);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('That is not your current password.').first()).toBeVisible({ timeout: PASSWORD_HASH_TIMEOUT });
  await elsewhere.goto('/connections');
  await expect(elsewhere.getByTestId('signed-in-as')).toHaveText(user.email);

  await form.getByLabel('Current password').fill(user.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(here.getByText('Password changed. Your other sessions are signed out; this one stays signed in.')).toBeVisible({ timeout: PASSWORD_HASH_TIMEOUT });
  expect(readDb((db) => (db.prepare('select password_hash h from users where email = ?').get(user.email) as { h: string }).h)).not.toBe(hashBefore);

  // This browser is still signed in; the other one is signed out on its next request.
  await here.goto('/connections');
  await expect(here.getByTestId('signed-in-as')).toHaveText(user.email);
  await elsewhere.goto('/connections');
  await expect(elsewhere).toHaveURL(/\/login/);

  // The old password no longer works; the new one does.
  await elsewhere.getByLabel('Email').fill(user.email);
  await elsewhere.getByLabel('Password').fill(user.password);
  await elsewhere.getByRole('button', { name: 'Sign in' }).click();
  await expect(elsewhere.getByText('That email and password do not match an account.')).toBeVisible({ timeout: PASSWORD_HASH_TIMEOUT });
  await signIn(elsewhere, user.email, newPassword);
  await expect(elsewhere.getByTestId('signed-in-as')).toHaveText(user.email);
});
