import { expect, test, type Request } from '@playwright/test';
import { addUser, createConnection, pageAs, readDb, uniqueId } from '../fixtures/console';

/**
 * Server actions are public endpoints. Capture the real request an admin's browser sends, then
 * replay it byte for byte with a member's session: the action itself must refuse it.
 */
test('a member posting an admin server action directly is refused and nothing is written', async ({ page, browser }) => {
  const existing = uniqueId('target');
  await createConnection(page, existing, { kind: 'bearer' });
  const member = await addUser(page);

  // 1. The admin creates a connection; we keep the action request.
  const adminCreate = uniqueId('admin_made');
  await page.goto('/connections/new?template=custom');
  await page.getByLabel('App ID').fill(adminCreate);
  const captured = page.waitForRequest((r: Request) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await page.getByRole('button', { name: 'Create connection' }).click();
  const request = await captured;
  await expect(page).toHaveURL(new RegExp(`/connections/${adminCreate}$`));

  // 2. The member replays it with another app id, and also tries to set team credentials.
  const memberPage = await pageAs(browser, member);
  const replayId = uniqueId('member_made');
  const body = request.postData()!.replace(adminCreate, replayId);
  const response = await memberPage.request.post(request.url(), {
    headers: { 'next-action': request.headers()['next-action'], 'content-type': request.headers()['content-type'], accept: 'text/x-component' },
    data: body,
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toMatch(/"code":"forbidden","message":"Only admins can/);
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(replayId))).toEqual({ n: 0 });

  // 3. Anonymous callers get the same refusal.
  const anonymous = await browser.newContext({ storageState: undefined });
  const anonResponse = await anonymous.request.post(request.url(), {
    headers: { 'next-action': request.headers()['next-action'], 'content-type': request.headers()['content-type'], accept: 'text/x-component' },
    data: body,
  });
  expect(await anonResponse.text()).toContain('Sign in to continue.');
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(replayId))).toEqual({ n: 0 });
});

test('a member cannot set team credentials even by calling the action', async ({ page, browser }) => {
  const appId = uniqueId('team_only');
  await createConnection(page, appId, { kind: 'api_key' });
  const form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByLabel('API key', { exact: true }).fill('admin-key');
  const captured = page.waitForRequest((r: Request) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  const request = await captured;
  await expect(page.getByText('Credentials saved.')).toBeVisible();

  const member = await addUser(page);
  const memberPage = await pageAs(browser, member);
  const response = await memberPage.request.post(request.url(), {
    headers: { 'next-action': request.headers()['next-action'], 'content-type': request.headers()['content-type'], accept: 'text/x-component' },
    data: request.postData()!.replace('admin-key', 'member-overwrite'),
  });
  expect(await response.text()).toContain('Team credentials are set by admins.');
  const row = readDb((db) =>
    db.prepare(`select c.updated_by from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ?`).get(appId),
  ) as { updated_by: string };
  expect(row.updated_by).not.toBe(member.email);
});
