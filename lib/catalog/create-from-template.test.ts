import { count as countRows, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConnection } from '@/lib/connections/get-connection';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { openSecrets } from '@/lib/credentials/credential-secrets';
import { loadClientConfig } from '@/lib/oauth/client-config';
import { getDb } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { createFromTemplate } from './create-from-template';
import { templateInputSchema, type TemplateInput } from './template-document';

const create = (actor: Awaited<ReturnType<typeof seedUser>>, input: TemplateInput) => createFromTemplate(actor, templateInputSchema.parse(input));
const count = async (appId: string) => (await getDb().select({ n: countRows() }).from(connections).where(eq(connections.appId, appId)))[0].n;

describe('createFromTemplate', () => {
  it('creates the connection, its auth settings and the client registration, URLs filled from the tenant parameter', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('ms');
    const result = await create(admin, {
      template: 'microsoft',
      app_id: appId,
      parameters: { tenant: 'contoso.onmicrosoft.com' },
      scopes: ['openid', 'offline_access', 'User.Read', 'Mail.Read'],
      registration: { client_id: 'client-1', client_secret: 'secret-1' },
    });
    expect(result).toEqual({ appId, registrationSaved: true });
    const env = (await getConnection(appId)).environments.draft!;
    expect(env).toMatchObject({ kind: 'oauth_auth_code_flow', type: 'member', serverUrl: 'https://graph.microsoft.com/v1.0' });
    const row = (await findCredentialRow(env.id, 'team'))!;
    expect(row.publicValues).toMatchObject({ client_id: 'client-1', token_url: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token' });
    expect(openSecrets(row)).toEqual({ client_secret: 'secret-1' });
    const cfg = await loadClientConfig(appId, 'draft', admin.id);
    expect(cfg.tokenUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
    expect(cfg.authorizationUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
    expect(cfg.scope).toBe('openid offline_access User.Read Mail.Read');
  });

  it('keeps token request quirks and auth entries of the template (Atlassian: JSON body, audience)', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('jira');
    await create(admin, { template: 'atlassian', app_id: appId, registration: { client_id: 'c', client_secret: 's' } });
    const cfg = await loadClientConfig(appId, 'draft', admin.id);
    expect(cfg.contentType).toBe('application/json');
    expect(cfg.sendVia).toBe('body');
    expect(cfg.authEntries).toEqual(expect.arrayContaining([{ location: 'query', key: 'audience', value: 'api.atlassian.com' }]));
  });

  it('writes nothing when a parameter does not match, a scope is unknown, or the registration is bad', async () => {
    const admin = await seedUser('admin');
    const cases: Array<[TemplateInput, string]> = [
      [{ template: 'okta', app_id: uniqueAppId('okta'), parameters: { domain: 'evil.example.com' } }, 'parameters.domain'],
      [{ template: 'github', app_id: uniqueAppId('gh'), scopes: ['not_a_scope'] }, 'scopes'],
      [{ template: 'github', app_id: uniqueAppId('gh'), kind: 'api_key' }, 'kind'],
    ];
    for (const [input, field] of cases) {
      let fields: Record<string, string> | undefined;
      try {
        await create(admin, input);
      } catch (e) {
        fields = (e as { fields?: Record<string, string> }).fields;
      }
      expect(Object.keys(fields ?? {}), JSON.stringify(input)).toContain(field);
      expect(await count(input.app_id)).toBe(0);
    }
  });

  it('validates registration URLs at the boundary, and an app id taken keeps the existing connection untouched', async () => {
    const bad = templateInputSchema.safeParse({ template: 'github', app_id: 'gh_x', registration: { client_id: 'c', authorization_url: 'not a url' } });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['registration.authorization_url']);
    const admin = await seedUser('admin');
    const appId = uniqueAppId('gh');
    await create(admin, { template: 'github', app_id: appId });
    await expect(create(admin, { template: 'github', app_id: appId, registration: { client_id: 'other' } })).rejects.toThrow();
    expect(await findCredentialRow((await getConnection(appId)).environments.draft!.id, 'team')).toBeUndefined();
  });

  it('refuses members', async () => {
    await expect(create(await seedUser('member'), { template: 'github', app_id: uniqueAppId('gh') })).rejects.toThrow(/admins/);
  });
});
