import { expect, test } from '@playwright/test';
import { defineAuthSettings, describeConnectForm, saveAuthSettings } from '../fixtures/auth-settings';
import { addUser, createConnection, pageAs, readDb, uniqueId } from '../fixtures/console';

const settings = {
  scopes: [{ name: 'openid', required: true }, { name: 'email' }, { name: 'files.read' }],
  allowCustomize: true,
  allowAdditional: true,
  parameters: [
    { key: 'tenant', label: 'Tenant ID' },
    { key: 'region', label: 'Region', type: 'dropdown' as const, options: 'eu, us' },
  ],
  configValues: [
    { key: 'api_version', label: 'API version', value: '2024-01' },
    { key: 'internal_flag', label: 'Internal flag', value: 'hidden-config-value', visible: false },
  ],
};

async function registerClient(page: import('@playwright/test').Page, appId: string) {
  await page.goto(`/connections/${appId}`);
  const form = page.getByRole('form', { name: 'Save client registration' });
  await form.getByLabel('Client ID', { exact: true }).fill('console-client');
  await form.getByLabel('Client secret', { exact: true }).fill('console-client-secret');
  await form.getByLabel('Authorization URL', { exact: true }).fill('http://127.0.0.1:9/{tenant}/authorize');
  await form.getByLabel('Token URL', { exact: true }).fill('http://127.0.0.1:9/{tenant}/token');
  await form.getByRole('button', { name: 'Save client registration' }).click();
  await expect(page.getByText('Credentials saved.')).toBeVisible();
}

test('the builder defines scopes, parameters and config values; the live preview matches what the member sees', async ({ page, browser }) => {
  const appId = uniqueId('authset');
  await createConnection(page, appId, { kind: 'oauth_auth_code_flow', type: 'member' });
  await registerClient(page, appId);
  await defineAuthSettings(page, appId, 'draft', settings);

  const preview = page.getByRole('form', { name: 'Preview of the connect page' });
  await expect(preview.getByRole('button', { name: `Connect to ${appId}` })).toBeDisabled();
  await expect(preview.getByRole('group', { name: 'Parameters' }).getByLabel('Region')).toBeVisible();
  await expect(preview.locator('output')).toHaveText('openid email files.read');
  await expect(preview).not.toContainText('Internal flag');
  await saveAuthSettings(page);
  const previewShape = await describeConnectForm(preview);
  expect(previewShape.scopes.join('|')).toContain('openid');
  expect(previewShape.configuration).toContain('2024-01');

  const member = await addUser(page);
  const memberPage = await pageAs(browser, member);
  await memberPage.goto(`/connections/${appId}`);
  await memberPage.getByRole('link', { name: 'Connect page' }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/connections/${appId}/connect\\?env=draft`));
  const connect = memberPage.getByRole('form', { name: `Connect ${appId}` });
  expect(await describeConnectForm(connect)).toEqual(previewShape);
  const html = await memberPage.content();
  expect(html).not.toContain('hidden-config-value');
  // Nor in the props of the client components (the RSC payload), not just the rendered page.
  const payload = await (await memberPage.request.get(`/connections/${appId}/connect?env=draft`, { headers: { RSC: '1' } })).text();
  expect(payload).toContain('2024-01');
  expect(payload).not.toContain('hidden-config-value');
  expect(html).not.toContain('console-client-secret');

  // Customize: required scopes cannot be dropped; optional ones and additional ones are the member's.
  await connect.getByLabel('Customize scopes').check();
  await expect(connect.getByLabel('openid')).toBeDisabled();
  await expect(connect.getByLabel('openid')).toBeChecked();
  await connect.getByLabel('files.read').check();
  await connect.getByLabel('Additional scopes').fill('calendar.read');
  await expect(connect.locator('output')).toHaveText('openid files.read calendar.read');
  await connect.getByRole('group', { name: 'Parameters' }).getByLabel('Tenant ID').fill('contoso');
  await connect.getByRole('group', { name: 'Parameters' }).getByLabel('Region').selectOption('eu');
  await expect(connect.getByRole('group', { name: 'Parameters' }).getByLabel('Region')).toHaveValue('eu');
  // The choices are saved before the browser leaves for the authorize route; the provider of this
  // test sits on a port Chromium refuses, so wait for the request rather than a loaded page.
  const stored = memberPage.waitForRequest(/\/api\/oauth\/.*\/authorize/);
  await connect.getByRole('button', { name: `Connect to ${appId}` }).click();
  await stored;

  const row = readDb((db) =>
    db.prepare(`select c.public_values v from credentials c join users u on u.id = c.user_id where u.email = ?`).get(member.email) as { v: string },
  );
  expect(JSON.parse(row.v)).toEqual({ parameters: { tenant: 'contoso', region: 'eu' }, scope_choice: { mode: 'custom', selected: ['files.read'], additional: 'calendar.read' } });
});

test('changing settings keeps stored credentials and asks their owners to review', async ({ page, browser }) => {
  const appId = uniqueId('review');
  await createConnection(page, appId, { kind: 'basic', type: 'member' });
  await defineAuthSettings(page, appId, 'draft', { scopes: [], parameters: [{ key: 'tenant', label: 'Tenant ID' }], configValues: [] });
  await saveAuthSettings(page);
  const member = await addUser(page);
  const memberPage = await pageAs(browser, member);
  await memberPage.goto(`/connections/${appId}/connect?env=draft`);
  const connect = memberPage.getByRole('form', { name: `Connect ${appId}` });
  await connect.getByLabel('Tenant ID').fill('t-1');
  await connect.getByLabel('Username', { exact: true }).fill('member-user');
  await connect.getByLabel('Password', { exact: true }).fill('member-pass');
  await connect.getByRole('button', { name: 'Save credentials' }).click();
  await expect(memberPage.getByText('Saved. Tools can now use these credentials.')).toBeVisible();
  await expect(memberPage.getByText('Please review your credentials')).toHaveCount(0);

  await page.goto(`/connections/${appId}/auth-settings?env=draft`);
  await page.getByRole('button', { name: 'Add parameter' }).click();
  await page.getByLabel('Parameter 2 key').fill('region');
  await page.getByLabel('Parameter 2 label').fill('Region');
  await page.getByRole('button', { name: 'Save auth settings' }).click();
  await expect(page.getByText('1 owner set credentials under older settings and will be asked to review them.')).toBeVisible();

  await page.goto(`/connections/${appId}`);
  const owners = page.getByRole('region', { name: 'Members’ credentials' });
  await expect(owners.getByRole('row', { name: new RegExp(member.email) })).toContainText('set before the settings changed: needs review');
  await memberPage.goto(`/connections/${appId}/connect?env=draft`);
  await expect(memberPage.getByText('Please review your credentials')).toBeVisible();
  // The stored credentials were not altered.
  const stored = readDb((db) => db.prepare(`select c.public_values v, c.status s from credentials c join users u on u.id = c.user_id where u.email = ?`).get(member.email) as { v: string; s: string });
  expect(JSON.parse(stored.v)).toEqual({ username: 'member-user', parameters: { tenant: 't-1' } });
  expect(stored.s).toBe('connected');
});

test('promote copies the draft configuration and settings to live without credentials', async ({ page }) => {
  const appId = uniqueId('promote');
  await createConnection(page, appId, { kind: 'oauth_auth_code_flow', type: 'member', serverUrl: 'https://{tenant}.api.example.test' });
  await registerClient(page, appId);
  await defineAuthSettings(page, appId, 'draft', settings);
  await saveAuthSettings(page);
  await page.goto(`/connections/${appId}`);
  await page.getByRole('button', { name: 'Promote draft to live' }).click();
  await page.getByRole('dialog', { name: 'Promote draft to live?' }).getByRole('button', { name: 'Promote' }).click();
  await expect(page.getByText('Draft promoted to live. Live credentials were kept.')).toBeVisible();

  await page.goto(`/connections/${appId}/auth-settings?env=live`);
  await expect(page.getByLabel('Scope 3 name')).toHaveValue('files.read');
  await expect(page.getByLabel('Parameter 2 options')).toHaveValue('eu,us');
  await expect(page.getByLabel('Config value 2 value')).toHaveValue('hidden-config-value');
  const envs = readDb((db) =>
    db
      .prepare(`select e.env, e.kind, e.type, e.server_url, (select count(*) from credentials c where c.environment_id = e.id) n from environments e join connections k on k.id = e.connection_id where k.app_id = ? order by e.env`)
      .all(appId),
  );
  expect(envs).toEqual([
    { env: 'draft', kind: 'oauth_auth_code_flow', type: 'member', server_url: 'https://{tenant}.api.example.test', n: 1 },
    { env: 'live', kind: 'oauth_auth_code_flow', type: 'member', server_url: 'https://{tenant}.api.example.test', n: 0 },
  ]);
});
