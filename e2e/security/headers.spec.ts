import { expect, test, type Page } from '@playwright/test';
import { E2E } from '../fixtures/e2e-env';
import { addUser, pageAs, PASSWORD_HASH_TIMEOUT, readDb, uniqueId } from '../fixtures/console';
import { callAction, serverActions } from '../fixtures/server-actions';

/** Security headers, the nonce CSP as the browser enforces it, session cookies, bypass headers. */

const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test('pages carry a per-request nonce CSP and the security headers', async ({ request }) => {
  const first = await request.get('/connections');
  const second = await request.get('/connections');
  expect(first.status()).toBe(200);
  const csp = first.headers()['content-security-policy'];
  const d = directives(csp);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(d['script-src']).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(d['frame-ancestors']).toEqual(["'none'"]);
  expect(d['object-src']).toEqual(["'none'"]);
  expect(d['base-uri']).toEqual(["'self'"]);
  expect(d['form-action']).toEqual(["'self'"]);
  expect(second.headers()['content-security-policy']).not.toContain(nonce);

  // Next put this request's nonce on every script it rendered, and no script lacks it.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const headers = first.headers();
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['cache-control']).toContain('no-store');
  expect(headers['x-powered-by']).toBeUndefined();
});

test('API answers and the sign-in page carry the headers too; API answers are no-store', async ({ request, playwright }) => {
  const api = await request.get('/api/v1/connections');
  expect(api.headers()['cache-control']).toContain('no-store');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  const anonymous = await playwright.request.newContext({ baseURL: E2E.baseUrl, storageState: { cookies: [], origins: [] } });
  const login = await anonymous.get('/login');
  expect(login.status()).toBe(200);
  expect(login.headers()['content-security-policy']).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  expect(login.headers()['x-frame-options']).toBe('DENY');
});

test('the console works under the CSP: no violation while signing in and using pages', async ({ browser }) => {
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  const violations = cspViolations(page);
  await page.goto('/login');
  await page.getByLabel('Email').fill(E2E.admin.email);
  await page.getByLabel('Password').fill(E2E.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click(); // a server action: needs hydrated React
  await expect(page).toHaveURL(/\/connections/, { timeout: PASSWORD_HASH_TIMEOUT });
  for (const path of ['/connections/new', '/users', '/audit', '/connections']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  // Client navigation runs the router's scripts too.
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});

test('an injected inline script does not run', async ({ page }) => {
  // Serve the real page with its real headers, plus an injected script, as an XSS would.
  await page.route('**/connections', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</body>', '<script>window.__injected = true</script></body>');
    await route.fulfill({ response, body });
  });
  const blocked = cspViolations(page);
  await page.goto('/connections');
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(blocked.join('\n')).toMatch(/Content Security Policy/);
});

test('the console cannot be framed', async ({ page }) => {
  await page.goto('/connections');
  await page.evaluate(() => {
    const iframe = document.createElement('iframe');
    iframe.src = '/users';
    document.body.append(iframe);
  });
  await expect.poll(() => page.frames().length).toBe(2);
  const child = page.frames()[1];
  await expect.poll(() => child.url()).not.toBe('about:blank');
  await child.waitForLoadState('load');
  // Chrome shows its own error page instead: frame-ancestors 'none' and X-Frame-Options DENY.
  expect(child.url()).not.toContain('/users');
  await expect(child.locator('h1', { hasText: 'Users' })).toHaveCount(0);
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ browser }) => {
  const member = await addUser(await (await browser.newContext()).newPage());
  const page = await pageAs(browser, member);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith('authjs.session-token'));
  expect(session, cookies.map((c) => c.name).join(', ')).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe('Lax');
  // Served over plain http here, so not Secure; APP_URL=https turns on Secure and the __Secure- prefix.
  expect(session!.secure).toBe(false);
  expect(session!.name).toBe('authjs.session-token');
});

test('x-middleware-subrequest is refused and changes nothing for a member', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  const member = await pageAs(browser, await addUser(admin));
  const bypass = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware:proxy:proxy:proxy:proxy:proxy' };

  const pageResponse = await member.request.get('/users', { headers: bypass, maxRedirects: 0 });
  expect(pageResponse.status()).toBe(400);
  expect(await pageResponse.text()).not.toContain('Add a user');

  const appId = uniqueId('bypass');
  const create = serverActions().get('app/(console)/connections/actions.ts#createConnectionAction')!;
  const outcome = await callAction(member.request, create, [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }], bypass);
  expect(outcome.ok).toBe(false);
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(appId))).toEqual({ n: 0 });
  // Without the header the member is still refused by the action itself.
  const plain = await callAction(member.request, create, [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }]);
  expect(plain).toMatchObject({ ok: false, code: 'forbidden' });
});
