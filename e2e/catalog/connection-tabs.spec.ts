import { expect, test } from '@playwright/test';
import { uniqueId } from '../fixtures/console';

// The connection page: an overview header, tabs for each part, and the connection's YAML.

test('a template connection: overview header, each tab, View YAML and Export', async ({ page }) => {
  const appId = uniqueId('tabs');
  await page.goto('/connections/new?template=openai');
  const form = page.getByRole('form', { name: 'New OpenAI connection' });
  await form.getByLabel('App ID').fill(appId);
  await form.getByRole('button', { name: 'Create connection' }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}$`));

  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview).toContainText('missing credentials');
  await expect(overview).toContainText('Never');
  await overview.getByRole('link', { name: 'Set credentials' }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}\\?env=draft&tab=credentials$`));
  const tabs = page.getByRole('navigation', { name: 'Connection sections' });
  await expect(tabs.getByRole('link', { name: 'Credentials' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('form', { name: 'Save team credentials' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Audit trail' })).toHaveCount(0);

  await tabs.getByRole('link', { name: 'Configuration' }).click();
  await expect(page.getByLabel('Server URL')).toHaveValue('https://api.openai.com/v1');
  await expect(page.getByRole('form', { name: 'Save team credentials' })).toHaveCount(0);

  await tabs.getByRole('link', { name: 'Auth settings' }).click();
  await expect(page.getByRole('link', { name: 'Edit auth settings' })).toBeVisible();

  await tabs.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByText('A team connection')).toBeVisible();

  await tabs.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('region', { name: 'Audit trail' })).toContainText(`created ${appId}`);

  await page.getByRole('button', { name: 'View YAML' }).click();
  const yaml = page.getByLabel(`${appId}.yaml`);
  await expect(yaml).toContainText(`app_id: ${appId}`);
  await expect(yaml).toContainText('kind: bearer');
  await expect(page.getByRole('link', { name: 'Export' })).toHaveAttribute('href', `/api/v1/connections/${appId}/export`);
  const download = await page.request.get(`/api/v1/connections/${appId}/export`);
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain(`app_id: ${appId}`);
});
