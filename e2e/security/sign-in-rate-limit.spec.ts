import { expect, test, type Browser } from '@playwright/test';
import { E2E } from '../fixtures/e2e-env';
import { addUser, PASSWORD_HASH_TIMEOUT, readDb } from '../fixtures/console';

/** Another client address, as the reverse proxy reports it (the e2e server runs with TRUST_PROXY=1). */
const OTHER_ADDRESS = { 'x-forwarded-for': '203.0.113.77' };

async function loginPage(browser: Browser, extraHTTPHeaders?: Record<string, string>) {
  const context = await browser.newContext({ storageState: undefined, extraHTTPHeaders });
  const page = await context.newPage();
  await page.goto('/login');
  return { context, page };
}

// Each evaluated attempt hashes a password on purpose (scrypt N=2^17).
test.describe.configure({ timeout: 180_000 });

test('wrong passwords from one address lock that address out for a while; the real user from another address still signs in', async ({ page, browser }) => {
  const user = await addUser(page, 'member');
  const { context, page: login } = await loginPage(browser);
  const attempt = async (password: string) => {
    await login.getByLabel('Password').fill(password);
    await login.getByRole('button', { name: 'Sign in' }).click();
  };
  await login.getByLabel('Email').fill(user.email);
  for (let i = 1; i < 5; i++) {
    await attempt(`wrong-${i}`);
    await expect(login.getByText('That email and password do not match an account.')).toBeVisible({ timeout: PASSWORD_HASH_TIMEOUT });
    await expect(login.getByText(/Too many attempts/)).toHaveCount(0);
  }
  await attempt('wrong-5');
  await expect(login.getByText(/^Too many attempts, try again in \d+ seconds\.$/)).toBeVisible({ timeout: PASSWORD_HASH_TIMEOUT });
  // From this address, the right password does not get through now either.
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

  // The real user, from another address, is not locked out by someone else's guesses.
  const elsewhere = await loginPage(browser, OTHER_ADDRESS);
  await elsewhere.page.getByLabel('Email').fill(user.email);
  await elsewhere.page.getByLabel('Password').fill(user.password);
  await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(elsewhere.page).toHaveURL(/\/connections/, { timeout: PASSWORD_HASH_TIMEOUT });
  await expect(elsewhere.page.getByTestId('signed-in-as')).toHaveText(user.email);
  await elsewhere.context.close();
});

test('parallel wrong passwords cannot slip past the limit', async ({ page, browser }) => {
  const user = await addUser(page, 'member');
  const { context } = await loginPage(browser);
  const csrf = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const tries = Array.from({ length: 30 }, (_, i) =>
    context.request.post('/api/auth/callback/credentials', {
      form: { email: user.email, password: `wrong-${i}`, csrfToken: csrf.csrfToken, callbackUrl: E2E.baseUrl },
      maxRedirects: 0,
    }),
  );
  await Promise.all(tries);
  // Attempts are counted in the database before any password is checked: exactly the limit got through.
  const pair = readDb((db) => db.prepare("select attempts from sign_in_attempts where key like ?").get(`pair:${user.email}|%`) as { attempts: number });
  expect(pair.attempts).toBe(5);
  await context.close();
});
