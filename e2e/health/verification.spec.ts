import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { createConnection, readDb, uniqueId } from '../fixtures/console';

// The verification request of static credentials, set in the auth settings editor and run by Test
// against a real API server on loopback that accepts only the right token.

test('an admin sets a verification request; Test marks the right token verified and a wrong one as an error with the provider’s status', async ({ page }) => {
  const requests: string[] = [];
  const api = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(req.url === '/v1/me' && req.headers.authorization === 'Bearer right-token' ? 204 : 401).end();
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', () => resolve()));
  const serverUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  try {
    const appId = uniqueId('verify');
    await createConnection(page, appId, { kind: 'bearer', serverUrl });

    await page.goto(`/connections/${appId}/auth-settings?env=draft`);
    const settings = page.getByRole('form', { name: 'Auth settings' });
    await settings.getByRole('checkbox', { name: /Check the credentials with a request/ }).check();
    await settings.getByLabel('Path').fill('v1/me');
    await settings.getByLabel('Expected status').fill('204');
    await settings.getByRole('button', { name: 'Save auth settings' }).click();
    await expect(settings.getByText('Start the path with "/"')).toBeVisible();
    await settings.getByLabel('Path').fill('/v1/me');
    await settings.getByRole('button', { name: 'Save auth settings' }).click();
    await expect(settings.getByText(/Auth settings saved/)).toBeVisible();
    // Saved, and kept when the editor opens again.
    await page.reload();
    await expect(page.getByLabel('Path')).toHaveValue('/v1/me');

    await page.goto(`/connections/${appId}?env=draft`);
    const team = page.locator('#draft-team-credentials');
    await team.getByLabel('Token').fill('wrong-token');
    await team.getByRole('button', { name: 'Save team credentials' }).click();
    await expect(team.getByRole('button', { name: 'Test' })).toBeVisible();
    await team.getByRole('button', { name: 'Test' }).click();
    await expect(team.getByText('Not verified')).toBeVisible();
    await expect(team.getByText('The verification request (GET /v1/me) answered 401, expected 204.', { exact: true })).toBeVisible();
    const status = () => readDb((db) => db.prepare("select c.status, c.status_message from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ? and c.owner_key = 'team'").get(appId) as { status: string; status_message: string | null });
    expect(status()).toMatchObject({ status: 'error' });
    expect(status().status_message).not.toContain('wrong-token');
    await page.reload();
    await expect(page.locator('#draft-team-credentials').getByTestId('credential-health')).toContainText('1 failure in a row, last just now: The verification request (GET /v1/me) answered 401, expected 204.');
    await expect(page.locator('#draft-team-credentials').getByTestId('credential-health')).toContainText('Last used never');

    await team.getByRole('button', { name: 'Replace Token' }).click();
    await team.getByLabel('Token').fill('right-token');
    await team.getByRole('button', { name: 'Save team credentials' }).click();
    await team.getByRole('button', { name: 'Test' }).click();
    await expect(team.getByText('Verified')).toBeVisible();
    expect(status()).toEqual({ status: 'connected', status_message: null });
    await page.reload();
    const health = page.locator('#draft-team-credentials').getByTestId('credential-health');
    await expect(health).toContainText('Last success just now');
    await expect(health).not.toContainText('failure');
    expect(requests.filter((r) => r === 'GET /v1/me')).toHaveLength(2);
  } finally {
    api.close();
  }
});
