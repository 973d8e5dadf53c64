import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { createConnection, uniqueId } from '../fixtures/console';

// An expiry date on static credentials warns on the list and the connection page; the status says
// "set, not verified" until a verification request against a real API server on loopback succeeds.

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a token expiring in 5 days is flagged on the list and the connection page, and is connected only once verified', async ({ page }) => {
  const api = http.createServer((req, res) => {
    res.writeHead(req.url === '/v1/me' && req.headers.authorization === 'Bearer right-token' ? 200 : 401).end();
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', () => resolve()));
  const serverUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  try {
    const appId = uniqueId('expiry');
    await createConnection(page, appId, { kind: 'bearer', serverUrl });
    await page.goto(`/connections/${appId}/auth-settings?env=draft`);
    const settings = page.getByRole('form', { name: 'Auth settings' });
    await settings.getByRole('checkbox', { name: /Check the credentials with a request/ }).check();
    await settings.getByLabel('Path').fill('/v1/me');
    await settings.getByRole('button', { name: 'Save auth settings' }).click();
    await expect(settings.getByText(/Auth settings saved/)).toBeVisible();

    await page.goto(`/connections/${appId}?env=draft`);
    const team = page.locator('#draft-team-credentials');
    await team.getByLabel('Token').fill('right-token');
    await team.getByLabel('Expires on').fill(inDays(5));
    await team.getByRole('button', { name: 'Save team credentials' }).click();
    await expect(team.getByText('Credentials saved.')).toBeVisible();
    await page.reload();
    await expect(page.locator('#draft-team-credentials').getByLabel('Expires on')).toHaveValue(inDays(5));
    await expect(page.getByTestId('expiry-warning')).toHaveText(`Expires in 5 days (${inDays(5)}): replace these credentials before then and update the date.`);

    await page.goto(`/connections?q=${appId}`);
    const draft = page.getByTestId(`connection-row-${appId}`).getByTestId('env-draft');
    await expect(draft).toContainText('set, not verified');
    await expect(draft.getByTestId('expiry-warning')).toHaveText('Expires in 5 days');

    await page.goto(`/connections/${appId}?env=draft`);
    await page.locator('#draft-team-credentials').getByRole('button', { name: 'Test' }).click();
    await expect(page.locator('#draft-team-credentials').getByText('Verified')).toBeVisible();
    await page.goto(`/connections?q=${appId}`);
    await expect(draft).toContainText('connected');
    await expect(draft).not.toContainText('not verified');
    await expect(draft.getByTestId('expiry-warning')).toHaveText('Expires in 5 days');
  } finally {
    api.close();
  }
});
