import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { addUser, createConnection, pageAs, readDb, uniqueId } from '../fixtures/console';
import { callAction, serverActions } from '../fixtures/server-actions';

/**
 * A session is a signed cookie that stays valid for hours, so revocation cannot wait for it to
 * expire: every request reads the user from the database. These tests keep a signed-in browser
 * open, change the user from another, and check the very next request.
 */

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

test('a demoted admin loses admin rights on their next request', async ({ page, browser }) => {
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

  // Their open session: admin pages are gone, admin actions are refused, nothing is written.
  for (const path of ['/users', '/audit']) {
    const response = await adminPage.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await adminPage.goto('/connections');
  await expect(adminPage.getByRole('link', { name: 'Users' })).toHaveCount(0);
  const appId = uniqueId('demoted');
  const outcome = await callAction(adminPage.request, serverActions().get(CREATE)!, [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }]);
  expect(outcome).toMatchObject({ ok: false, code: 'forbidden' });
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(appId))).toEqual({ n: 0 });
});
