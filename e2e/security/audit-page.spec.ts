import { expect, test } from '@playwright/test';
import { addUser, pageAs, uniqueId } from '../fixtures/console';
import { callAction, serverActions } from '../fixtures/server-actions';

const CREATE = 'app/(console)/connections/actions.ts#createConnectionAction';
const SET_CREDENTIALS = 'app/(console)/connections/actions.ts#setCredentialsAction';
const newConnection = (appId: string) => [{ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }];

test('admins search, filter and page the audit log; values never show', async ({ page, browser }) => {
  const prefix = uniqueId('aud');
  const create = serverActions().get(CREATE)!;
  // 51 events for this prefix: one more than a page.
  for (let i = 0; i < 51; i++) expect(await callAction(page.request, create, newConnection(`${prefix}_${i}`))).toMatchObject({ ok: true });
  const secret = `canary-${uniqueId('tok')}`;
  expect(await callAction(page.request, serverActions({ appId: `${prefix}_0` }).get(SET_CREDENTIALS)!, [{ appId: `${prefix}_0`, env: 'draft', values: { kind: 'bearer', token: secret } }])).toMatchObject({ ok: true });

  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Search').fill(prefix);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(50);
  // Newest first, readable: what, who, object, outcome.
  await expect(rows.first()).toContainText(`first-admin@example.test set the team credentials for ${prefix}_0 (draft) (token)`);
  await expect(rows.first()).toContainText('Done');
  await expect(rows.first().getByTestId('relative-time')).toHaveText(/ago|now/);
  await expect(rows.first().getByTestId('relative-time')).toHaveAttribute('title', /\d{4}/);
  expect(await page.content()).not.toContain(secret);

  // Cursor paging: the 52nd event is on the next page, and "Newest" comes back.
  await page.getByRole('link', { name: 'Older events' }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Older events' })).toHaveCount(0);
  await expect(rows.last()).toContainText(`first-admin@example.test created ${prefix}_0`);
  await page.getByRole('link', { name: 'Newest' }).click();
  await expect(rows).toHaveCount(50);

  // Filter by action.
  await page.getByLabel('Action').selectOption('credentials.set');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('set the team credentials');

  // A member's refused attempt shows as denied, found by their email.
  const member = await addUser(page, 'member');
  const memberPage = await pageAs(browser, member);
  expect(await callAction(memberPage.request, create, newConnection(uniqueId('nope')))).toMatchObject({ ok: false, code: 'forbidden' });
  await page.goto(`/audit?${new URLSearchParams({ q: member.email, outcome: 'denied' })}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${member.email} was refused: Only admins can do this`);
  await expect(rows.first()).toContainText('Refused');
  await expect(page.getByLabel('Outcome')).toHaveValue('denied');

  // Nothing matches: a clear empty state.
  await page.goto(`/audit?q=${uniqueId('nothing')}`);
  await expect(page.getByRole('heading', { name: 'No events match' })).toBeVisible();
});

test('members cannot see the audit log', async ({ page, browser }) => {
  const member = await addUser(page, 'member');
  const memberPage = await pageAs(browser, member);
  await expect(memberPage.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  const response = await memberPage.goto(`/audit?q=${encodeURIComponent('first-admin')}`);
  expect(response?.status()).toBe(404);
  await expect(memberPage.getByTestId('audit-row')).toHaveCount(0);
  expect(await memberPage.content()).not.toContain('first-admin@example.test');
});
