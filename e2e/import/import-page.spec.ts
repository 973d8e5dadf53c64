import { expect, test } from '@playwright/test';
import { orchestrateExamples, EXAMPLE_PREFIXES } from '../../test/orchestrate-examples';
import { readDb, uniqueId } from '../fixtures/console';

const countLike = (pattern: string) => readDb((db) => (db.prepare('select count(*) n from connections where app_id like ?').get(pattern) as { n: number }).n);

test('an admin previews per-field errors with lines, fixes the file, previews the plan, then imports', async ({ page }) => {
  const id = uniqueId('ui').slice(3);
  await page.goto('/connections');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page).toHaveURL(/\/connections\/import$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Import connections' })).toBeVisible();

  const broken = `${orchestrateExamples(id)}---\nspec_version: v1\nkind: connection\napp_id: broken_${id}\nenvironments:\n  draft:\n    kind: kv\n    type: member\n---\nspec_version: v1\nkind: connection\napp_id: basic_${id}\nenvironments: { draft: { kind: bearer, type: team } }\n`;
  await page.getByLabel('Connection file (YAML or JSON)').fill(broken);
  await page.getByRole('button', { name: 'Preview' }).click();
  const issues = page.getByTestId('import-issue');
  await expect(issues).toHaveCount(2);
  await expect(issues.nth(0)).toContainText(`Document ${EXAMPLE_PREFIXES.length + 1}`);
  await expect(issues.nth(0)).toContainText('environments.draft.type');
  await expect(issues.nth(0)).toContainText('cannot be member');
  await expect(issues.nth(1)).toContainText('Duplicate app ID');
  await expect(page.getByRole('button', { name: 'Import' })).toHaveCount(0);
  expect(countLike(`%${id}`)).toBe(0);

  await page.getByLabel('Connection file (YAML or JSON)').fill(orchestrateExamples(id));
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-plan-row')).toHaveCount(EXAMPLE_PREFIXES.length);
  await expect(page.getByText(`${EXAMPLE_PREFIXES.length} to create, 0 to update`)).toBeVisible();
  expect(countLike(`%${id}`)).toBe(0);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(`Imported ${EXAMPLE_PREFIXES.length} connection(s): ${EXAMPLE_PREFIXES.length} created, 0 updated.`)).toBeVisible();
  expect(countLike(`%${id}`)).toBe(EXAMPLE_PREFIXES.length);

  await page.getByRole('link', { name: `obo_${id}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `obo_${id}` })).toBeVisible();
});

test('an uploaded file is previewed as an update of existing connections', async ({ page }) => {
  const id = uniqueId('up').slice(3);
  const file = `spec_version: v1\nkind: connection\napp_id: upload_${id}\nenvironments:\n  draft: { kind: bearer, type: team }\n`;
  await page.goto('/connections/import');
  await page.getByLabel('Upload a file').setInputFiles({ name: 'connections.yaml', mimeType: 'application/yaml', buffer: Buffer.from(file) });
  await expect(page.getByLabel('Connection file (YAML or JSON)')).toHaveValue(file);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('1 created, 0 updated')).toBeVisible();
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-plan-row')).toContainText('update');
});

test('a file written for watsonx Orchestrate: hyphenated app id, ADK names, ignored keys shown as warnings with lines', async ({ page }) => {
  const appId = `service-now-${uniqueId('adk').slice(4)}`;
  const file = [
    'spec_version: v1',
    'kind: connection',
    `app_id: ${appId}`,
    'description: "ServiceNow for the customer care agent"',
    'environments:',
    '  draft:',
    '    security_scheme: basic_auth',
    '    preference: team',
    '    server_url: https://dev-4711.service-now.com',
    '    auth:',
    '      type: basic',
    '      username: "{{SN_USER}}"',
    '',
  ].join('\n');
  await page.goto('/connections/import');
  await page.getByLabel('Connection file (YAML or JSON)').fill(file);
  await page.getByRole('button', { name: 'Preview' }).click();
  const warnings = page.getByTestId('import-warning');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.nth(0)).toContainText('line 4, description: Unknown field "description" is ignored.');
  await expect(warnings.nth(1)).toContainText('line 10, environments.draft.auth: auth: is ignored');
  await expect(page.getByTestId('import-plan-row')).toContainText('basic · team');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('1 created, 0 updated')).toBeVisible();
  expect(readDb((db) => db.prepare('select count(*) n from connections where app_id = ?').get(appId))).toEqual({ n: 1 });

  // The hyphenated id works in the console's URLs and list.
  await page.goto(`/connections?q=${appId}`);
  await page.getByRole('link', { name: appId }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${appId}`));
  await expect(page.getByRole('heading', { level: 1, name: appId })).toBeVisible();
});
