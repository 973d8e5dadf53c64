import { expect, test } from '@playwright/test';
import { E2E } from '../fixtures/e2e-env';
import { addUser } from '../fixtures/console';

test('repeated wrong passwords lock that account for a while, even with the right one', async ({ page, browser }) => {
  const user = await addUser(page, 'member');
  const context = await browser.newContext({ storageState: undefined });
  const login = await context.newPage();
  const attempt = async (password: string) => {
    await login.getByLabel('Password').fill(password);
    await login.getByRole('button', { name: 'Sign in' }).click();
  };
  await login.goto('/login');
  await login.getByLabel('Email').fill(user.email);
  for (let i = 1; i < 10; i++) {
    await attempt(`wrong-${i}`);
    await expect(login.getByText('That email and password do not match an account.')).toBeVisible();
    await expect(login.getByText(/Too many attempts/)).toHaveCount(0);
  }
  await attempt('wrong-10');
  await expect(login.getByText(/^Too many attempts, try again in \d+ seconds\.$/)).toBeVisible();
  // The right password does not get through now either.
  await attempt(user.password);
  await expect(login.getByText(/Too many attempts/)).toBeVisible();
  await expect(login).toHaveURL(/\/login/);

  // Auth.js's own callback route is throttled too, not just the sign-in form.
  const csrf = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const direct = await context.request.post('/api/auth/callback/credentials', {
    form: { email: user.email, password: user.password, csrfToken: csrf.csrfToken, callbackUrl: E2E.baseUrl },
    maxRedirects: 0,
  });
  expect((await context.cookies()).some((c) => c.name.endsWith('authjs.session-token'))).toBe(false);
  expect(direct.headers()['location'] ?? '').not.toBe(E2E.baseUrl);
  await context.close();
});
