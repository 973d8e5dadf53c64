import { expect, test, type Locator } from '@playwright/test';
import { IMPLICIT_FLOW_MESSAGE } from '@/lib/connections/kinds';
import { createConnection, readDb, uniqueId } from '../fixtures/console';

type Case = { kind: string; fill: (form: Locator, secret: string) => Promise<void>; saveLabel?: string };

const field = (form: Locator, label: string) => form.getByLabel(label, { exact: true });

const cases: Case[] = [
  { kind: 'basic', fill: async (p, s) => { await field(p, 'Username').fill('svc-user'); await field(p, 'Password').fill(s); } },
  { kind: 'bearer', fill: async (p, s) => field(p, 'Token').fill(s) },
  { kind: 'api_key', fill: async (p, s) => field(p, 'API key').fill(s) },
  {
    kind: 'key_value',
    fill: async (p, s) => {
      await p.getByRole('button', { name: 'Add entry' }).click();
      await field(p, 'Entries 1 key').fill('region');
      await field(p, 'Entries 1 value').fill(s);
    },
  },
  {
    kind: 'oauth_auth_code_flow',
    fill: async (p, s) => {
      await field(p, 'Client ID').fill('web-client');
      await field(p, 'Client secret').fill(s);
      await field(p, 'Authorization URL').fill('https://idp.example.test/authorize');
      await field(p, 'Token URL').fill('https://idp.example.test/token');
      await field(p, 'Scopes').fill('openid offline_access');
      await p.getByLabel('Send client credentials via').selectOption('body');
      await p.getByRole('button', { name: 'Add entry' }).first().click();
      await field(p, 'Token request entries 1 key').fill('audience');
      await field(p, 'Token request entries 1 value').fill('api://default');
    },
  },
  {
    kind: 'oauth_auth_client_credentials_flow',
    fill: async (p, s) => {
      await field(p, 'Client ID').fill('m2m-client');
      await field(p, 'Client secret').fill(s);
      await field(p, 'Token URL').fill('https://idp.example.test/token');
    },
  },
  {
    kind: 'oauth_auth_password_flow',
    fill: async (p, s) => {
      await field(p, 'Client ID').fill('pw-client');
      await field(p, 'Username').fill('robot');
      await field(p, 'Password').fill(s);
      await field(p, 'Token URL').fill('https://idp.example.test/token');
    },
  },
  {
    kind: 'oauth_auth_token_exchange_flow',
    saveLabel: 'Save client registration',
    fill: async (p, s) => {
      await field(p, 'Client ID').fill('exchange-client');
      await field(p, 'Client secret').fill(s);
      await field(p, 'Token URL').fill('https://idp.example.test/token');
    },
  },
  {
    kind: 'oauth_auth_on_behalf_of_flow',
    saveLabel: 'Save client registration',
    fill: async (p, s) => {
      await field(p, 'Identity provider token URL').fill('https://login.example.test/token');
      await field(p, 'Identity provider client ID').fill('idp-client');
      await field(p, 'Identity provider client secret').fill(s);
      await field(p, 'Client ID').fill('app-client');
      await field(p, 'Token URL').fill('https://app.example.test/token');
    },
  },
];

for (const c of cases) {
  test(`an admin creates a ${c.kind} connection and sets its credentials`, async ({ page }) => {
    const appId = uniqueId(c.kind.replace(/^oauth_auth_/, ''));
    const secret = `secret-${uniqueId('canary')}`;
    await createConnection(page, appId, { kind: c.kind, serverUrl: 'https://api.example.test/' });
    const form = page.getByRole('form', { name: c.saveLabel ?? 'Save team credentials' });
    await c.fill(form, secret);
    await form.getByRole('button', { name: c.saveLabel ?? 'Save team credentials' }).click();
    await expect(page.getByText('Credentials saved.')).toBeVisible();

    // The secret now shows as set, never as its value.
    await page.reload();
    await expect(page.getByText('Set', { exact: true }).first()).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    const row = readDb((db) =>
      db
        .prepare(
          `select c.owner_key, c.secret_values, c.secret_names from credentials c join environments e on e.id = c.environment_id
           join connections k on k.id = e.connection_id where k.app_id = ?`,
        )
        .get(appId),
    ) as { owner_key: string; secret_values: string; secret_names: string };
    expect(row.owner_key).toBe('team');
    expect(row.secret_values.startsWith('cm1.')).toBe(true);
    expect(row.secret_values).not.toContain(secret);
    expect(JSON.parse(row.secret_names).length).toBeGreaterThan(0);
  });
}

test('a direct access connection needs no credentials and is connected', async ({ page }) => {
  const appId = uniqueId('direct');
  await createConnection(page, appId, { kind: 'oauth_auth_direct_access_flow' });
  await expect(page.getByText('each member’s own sign-in token is passed through')).toBeVisible();
  await page.goto('/connections?q=' + appId);
  await expect(page.getByTestId(`connection-row-${appId}`).getByTestId('env-draft')).toContainText('connected');
});

test('the implicit flow is accepted but shows why it never runs', async ({ page }) => {
  const appId = uniqueId('implicit');
  await createConnection(page, appId, { kind: 'oauth_auth_implicit_flow' });
  await expect(page.getByText(IMPLICIT_FLOW_MESSAGE).first()).toBeVisible();
});

test('invalid configurations are refused with a message on the field and nothing is written', async ({ page }) => {
  const appId = uniqueId('invalid');
  await page.goto('/connections/new?template=custom');
  await page.getByLabel('App ID').fill(`${appId}-bad!`);
  await page.getByLabel('Authentication kind').selectOption('key_value');
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page.getByText('App ID may contain only letters, digits, _ and -, starting with a letter or digit.')).toBeVisible();

  await page.getByLabel('App ID').fill(appId);
  await page.getByLabel('Single sign-on (sso)').check();
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page.getByText('SSO is only for on-behalf-of, token exchange and direct access connections.')).toBeVisible();
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(appId))).toEqual({ n: 0 });
});
