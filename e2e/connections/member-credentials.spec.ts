import { expect, test } from '@playwright/test';
import { addUser, createConnection, pageAs, readDb, uniqueId } from '../fixtures/console';

test('each member sets their own credentials on a member connection and never sees another member’s', async ({ page, browser }) => {
  const appId = uniqueId('member_basic');
  await createConnection(page, appId, { kind: 'basic', type: 'member' });
  await expect(page.getByRole('heading', { name: 'Members’ credentials' })).toBeVisible();
  const alice = await addUser(page);
  const bob = await addUser(page);

  const alicePage = await pageAs(browser, alice);
  await alicePage.goto(`/connections/${appId}`);
  await expect(alicePage.getByRole('heading', { name: 'Configuration' })).toBeVisible();
  await expect(alicePage.getByRole('button', { name: 'Save configuration' })).toHaveCount(0);
  const aliceForm = alicePage.getByRole('form', { name: 'Save my credentials' });
  await aliceForm.getByLabel('Username', { exact: true }).fill('alice-at-crm');
  await aliceForm.getByLabel('Password', { exact: true }).fill('alice-crm-password');
  await aliceForm.getByRole('button', { name: 'Save my credentials' }).click();
  await expect(alicePage.getByText('Credentials saved.')).toBeVisible();
  await alicePage.goto(`/connections?q=${appId}`);
  await expect(alicePage.getByRole('region', { name: /^Connected/ }).getByRole('listitem', { name: `${appId} (draft)` })).toContainText('connected');

  const bobPage = await pageAs(browser, bob);
  await bobPage.goto(`/connections/${appId}`);
  const bobForm = bobPage.getByRole('form', { name: 'Save my credentials' });
  await expect(bobForm.getByLabel('Username', { exact: true })).toHaveValue('');
  const bobHtml = await bobPage.content();
  expect(bobHtml).not.toContain('alice-at-crm');
  expect(bobHtml).not.toContain('alice-crm-password');
  await bobPage.goto(`/connections?q=${appId}`);
  await expect(bobPage.getByRole('region', { name: /^Needs your action/ }).getByRole('listitem', { name: `${appId} (draft)` })).toContainText('missing credentials');

  // The admin sees who has set up, never the values.
  await page.goto(`/connections/${appId}`);
  const owners = page.getByRole('region', { name: 'Members’ credentials' });
  await expect(owners).toContainText(alice.email);
  await expect(owners).not.toContainText(bob.email);
  expect(await page.content()).not.toContain('alice-crm-password');

  const rows = readDb((db) =>
    db.prepare(`select c.owner_key, u.email from credentials c join users u on u.id = c.user_id join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ?`).all(appId),
  );
  expect(rows).toEqual([{ owner_key: expect.any(String), email: alice.email }]);
});

test('changing the kind asks for confirmation, says how many credentials go, and removes them', async ({ page }) => {
  const appId = uniqueId('kind_change');
  await createConnection(page, appId, { kind: 'bearer' });
  const creds = page.getByRole('form', { name: 'Save team credentials' });
  await creds.getByLabel('Token', { exact: true }).fill('a-token');
  await creds.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();

  const config = page.getByRole('form', { name: 'Configure draft' });
  await config.getByLabel('Authentication kind').selectOption('api_key');
  await config.getByRole('button', { name: 'Save configuration' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove stored credentials?' });
  await expect(dialog).toContainText('1 owner');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(readDb((db) => db.prepare(`select kind from environments e join connections k on k.id = e.connection_id where k.app_id = ?`).get(appId))).toEqual({ kind: 'bearer' });

  await config.getByRole('button', { name: 'Save configuration' }).click();
  await dialog.getByRole('button', { name: 'Change and remove credentials' }).click();
  await expect(page.getByText('Removed the credentials of 1 owner.')).toBeVisible();
  const after = readDb((db) =>
    db.prepare(`select e.kind, (select count(*) from credentials c where c.environment_id = e.id) n from environments e join connections k on k.id = e.connection_id where k.app_id = ?`).get(appId),
  );
  expect(after).toEqual({ kind: 'api_key', n: 0 });
});

test('an admin configures live independently and deletes a connection after confirming', async ({ page }) => {
  const appId = uniqueId('lifecycle');
  await createConnection(page, appId, { kind: 'basic' });
  await page.getByRole('link', { name: /Live/ }).click();
  await expect(page.getByRole('heading', { name: 'Live is not configured' })).toBeVisible();
  await page.getByLabel('Authentication kind').selectOption('api_key');
  await page.getByRole('button', { name: 'Configure live' }).click();
  await expect(page.getByRole('region', { name: 'Configuration' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Save team credentials' }).getByLabel('API key', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Audit trail' })).toContainText(`configured ${appId} (live): API key, set once for the team`);
  expect(readDb((db) => db.prepare(`select e.env, e.kind from environments e join connections k on k.id = e.connection_id where k.app_id = ? order by e.env`).all(appId))).toEqual([
    { env: 'draft', kind: 'basic' },
    { env: 'live', kind: 'api_key' },
  ]);

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete connection' }).click();
  await expect(page).toHaveURL(/\/connections$/);
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(appId))).toEqual({ n: 0 });
});
