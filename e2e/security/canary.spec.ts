import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addUser, createConnection, pageAs, uniqueId } from '../fixtures/console';
import { databaseBytes } from '../fixtures/database';
import { E2E } from '../fixtures/e2e-env';

function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url'), Buffer.from(secret).toString('hex'), encodeURIComponent(secret)];
}

async function pageAndPayload(page: Page, path: string): Promise<string> {
  const html = await (await page.request.get(path)).text();
  // The RSC payload a client navigation fetches: what props reach client components.
  const rsc = await (await page.request.get(path, { headers: { RSC: '1' } })).text();
  return html + rsc;
}

test('a canary secret appears in no page, no RSC payload and not in the database file', async ({ page, browser }) => {
  const canary = `canary-${uniqueId('s')}-zq`;
  const apps = { basic: uniqueId('canary_basic'), oauth: uniqueId('canary_oauth'), kv: uniqueId('canary_kv'), member: uniqueId('canary_member') };

  await createConnection(page, apps.basic, { kind: 'basic' });
  let form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByLabel('Username', { exact: true }).fill('u');
  await form.getByLabel('Password', { exact: true }).fill(canary);
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();

  await createConnection(page, apps.oauth, { kind: 'oauth_auth_client_credentials_flow' });
  form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByLabel('Client ID', { exact: true }).fill('cid');
  await form.getByLabel('Client secret', { exact: true }).fill(canary);
  await form.getByLabel('Token URL', { exact: true }).fill('https://idp.example.test/token');
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();

  await createConnection(page, apps.kv, { kind: 'key_value' });
  form = page.getByRole('form', { name: 'Save team credentials' });
  await form.getByRole('button', { name: 'Add entry' }).click();
  await form.getByLabel('Entries 1 key').fill('k');
  await form.getByLabel('Entries 1 value').fill(canary);
  await form.getByRole('button', { name: 'Save team credentials' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();

  await createConnection(page, apps.member, { kind: 'bearer', type: 'member' });
  const member = await addUser(page);
  const memberPage = await pageAs(browser, member);
  await memberPage.goto(`/connections/${apps.member}`);
  form = memberPage.getByRole('form', { name: 'Save my credentials' });
  await form.getByLabel('Token', { exact: true }).fill(canary);
  await form.getByRole('button', { name: 'Save my credentials' }).click();
  await expect(memberPage.getByText('Credentials saved.')).toBeVisible();

  const paths = ['/connections', '/connections/new', '/users', ...Object.values(apps).flatMap((a) => [`/connections/${a}`, `/connections/${a}?env=live`])];
  for (const viewer of [page, memberPage]) {
    for (const path of paths) {
      const body = await pageAndPayload(viewer, path);
      for (const encoded of encodings(canary)) expect(body, `${path} leaks the canary`).not.toContain(encoded);
    }
  }

  for (const { name, bytes } of databaseBytes()) {
    for (const encoded of encodings(canary)) expect(bytes.includes(encoded), `${name} holds the canary`).toBe(false);
  }
  const log = fs.existsSync(E2E.serverLog) ? fs.readFileSync(E2E.serverLog, 'utf8') : '';
  expect(log).not.toContain(canary);
});
