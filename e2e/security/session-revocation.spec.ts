import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { addUser, createConnection, pageAs, readDb, signIn, uniqueId } from '../fixtures/console';
import { callAction, serverActions } from '../fixtures/server-actions';

/**
 * A session is a signed cookie that stays valid for hours, so revocation cannot wait for it to
 * expire: every request reads the user from the database. These tests keep a signed-in browser
 * open, change the user from another, and check the very next request.
 */

// Users are added and signed in several times: each hashes a password on purpose (scrypt N=2^17).
test.describe.configure({ timeout: 180_000 });

const CREATE = 'app/(console)/connections/actions.ts#createConnectionAction';
const SET_CREDENTIALS = 'app/(console)/connections/actions.ts#setCredentialsAction';

test('a removed user is signed out on their next request, and their member credentials are gone', async ({ page, browser }) => {
  const appId = uniqueId('revoke');
  await createConnection(page, appId, { kind: 'basic', type: 'member' });
  const user = await addUser(page, 'member');
  const memberPage = await pageAs(browser, user);
  const actions = serverActions({ appId });
  const userId = readDb((db) => db.prepare('select id from users where email = ?').get(user.email) as { id: string }).id;

  // Before: the session works, and the member sets their own credentials.
  expect(await callAction(memberPage.request, actions.get(SET_CREDENTIALS)!, [{ appId, env: 'draft', values: { kind: 'basic', username: 'me', password: `pw-${crypto.randomUUID()}` } }])).toMatchObject({ ok: true });
  expect(readDb((db) => db.prepare('select count(*) n from credentials where user_id = ?').get(userId))).toEqual({ n: 1 });
  await memberPage.goto(`/connections/${appId}`);
  await expect(memberPage.getByRole('heading', { level: 1, name: appId })).toBeVisible();

  // The admin removes them in the console.
  await page.goto('/users');
  await page.getByRole('button', { name: `Remove ${user.email}` }).click();
  await page.getByRole('button', { name: 'Remove user' }).click();
  await expect(page.getByText(user.email)).toHaveCount(0);

  // The same browser, same cookie: the next page is the sign-in page, the next action is refused.
  await memberPage.goto(`/connections/${appId}`);
  await expect(memberPage).toHaveURL(/\/login/);
  const after = await callAction(memberPage.request, actions.get(SET_CREDENTIALS)!, [{ appId, env: 'draft', values: { kind: 'basic', username: 'again', password: 'pw-again' } }]);
  expect(after).toMatchObject({ ok: false, code: 'unauthenticated' });
  expect(readDb((db) => db.prepare('select count(*) n from credentials where user_id = ? or owner_key = ?').get(userId, userId))).toEqual({ n: 0 });
});

test('a demoted admin is signed out on their next request and cannot act as admin', async ({ page, browser }) => {
  const user = await addUser(page, 'admin');
  const adminPage = await pageAs(browser, user);
  await adminPage.goto('/users');
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(adminPage.getByRole('link', { name: 'Audit log' })).toBeVisible();

  // The first admin makes them a member.
  await page.goto('/users');
  const row = page.getByRole('listitem').filter({ hasText: user.email });
  await row.getByRole('button', { name: 'Make member' }).click();
  await page.getByRole('dialog', { name: `Make ${user.email} a member?` }).getByRole('button', { name: 'Make member' }).click();
  await expect(row.getByRole('button', { name: 'Make admin' })).toBeVisible();

  // Their open session was granted as an admin: it ends, admin actions are refused, nothing is written.
  await adminPage.goto('/users');
  await expect(adminPage).toHaveURL(/\/login/);
  const appId = uniqueId('demoted');
  const outcome = await callAction(adminPage.request, serverActions().get(CREATE)!, [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }]);
  expect(outcome).toMatchObject({ ok: false, code: 'unauthenticated' });
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(appId))).toEqual({ n: 0 });

  // Signed in again, they are a member: admin pages are gone.
  await signIn(adminPage, user.email, user.password);
  for (const path of ['/users', '/audit']) {
    const response = await adminPage.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await adminPage.goto('/connections');
  await expect(adminPage.getByRole('link', { name: 'Users' })).toHaveCount(0);
});

const sessionCookie = (cookies: Array<{ name: string }>) => cookies.find((c) => c.name.endsWith('authjs.session-token'));

test('signing out ends the session: a copied cookie stops working and /api/auth/session does not renew it', async ({ page, browser }) => {
  const user = await addUser(page, 'member');
  const memberPage = await pageAs(browser, user);
  // An attacker's copy of the cookie, in another browser.
  const copiedCookies = await memberPage.context().cookies();
  const copy = await browser.newContext({ storageState: { cookies: copiedCookies, origins: [] } });
  const copyPage = await copy.newPage();
  await copyPage.goto('/connections');
  await expect(copyPage.getByTestId('signed-in-as')).toHaveText(user.email);
  expect(((await (await copy.request.get('/api/auth/session')).json()) as { user?: { email?: string } } | null)?.user?.email).toBe(user.email);

  // The member's page may still be settling after the invitation's sign-in redirect: sign out from a rendered page.
  await memberPage.goto('/connections');
  await expect(memberPage.getByTestId('signed-in-as')).toHaveText(user.email);
  await memberPage.getByRole('button', { name: 'Sign out' }).click();
  await expect(memberPage).toHaveURL(/\/login/, { timeout: 20_000 });

  // The copy is worth nothing now: pages send it to sign in, the session endpoint neither answers nor re-issues it.
  await copyPage.goto('/connections');
  await expect(copyPage).toHaveURL(/\/login/);
  // Put the stolen cookie back, in case the page visit above made the browser drop it.
  await copy.addCookies(copiedCookies);
  const renewal = await copy.request.get('/api/auth/session');
  expect(await renewal.json()).toBeNull();
  const setCookies = renewal.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  expect(setCookies.filter((c) => /authjs\.session-token=[^;]/.test(c))).toEqual([]);
  expect(sessionCookie(await copy.cookies())).toBeUndefined();
  await copy.close();
});
