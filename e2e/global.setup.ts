import { expect, test as setup } from '@playwright/test';
import { E2E } from './fixtures/e2e-env';

setup('the first visit sets up the first admin, and /setup is gone afterwards', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();

  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();

  await page.getByLabel('Name').fill('First Admin');
  await page.getByLabel('Email').fill(E2E.admin.email);
  await page.getByLabel('Password').fill(E2E.admin.password);
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText(E2E.admin.email);
  await expect(page.getByRole('heading', { name: 'No connections yet' })).toBeVisible();

  const again = await page.goto('/setup');
  expect(again?.status()).toBe(404);
  await page.context().storageState({ path: E2E.adminState });
});
