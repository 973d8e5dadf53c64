import { describe, expect, it } from 'vitest';
import { getConnection } from '@/lib/connections/get-connection';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { openSecrets } from '@/lib/credentials/credential-secrets';
import { loadClientConfig } from '@/lib/oauth/client-config';
import { getSqlite } from '@/lib/db/client';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { createFromTemplate } from './create-from-template';
import { templateInputSchema, type TemplateInput } from './template-document';

const create = (actor: ReturnType<typeof seedUser>, input: TemplateInput) => createFromTemplate(actor, templateInputSchema.parse(input));
const count = (appId: string) => (getSqlite().prepare('select count(*) as n from connections where app_id = ?').get(appId) as { n: number }).n;

describe('createFromTemplate', () => {
  it('creates the connection, its auth settings and the client registration, URLs filled from the tenant parameter', () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('ms');
    const result = create(admin, {
      template: 'microsoft',
      app_id: appId,
      parameters: { tenant: 'contoso.onmicrosoft.com' },
      scopes: ['openid', 'offline_access', 'User.Read', 'Mail.Read'],
      registration: { client_id: 'client-1', client_secret: 'secret-1' },
    });
    expect(result).toEqual({ appId, registrationSaved: true });
    const env = getConnection(appId).environments.draft!;
    expect(env).toMatchObject({ kind: 'oauth_auth_code_flow', type: 'member', serverUrl: 'https://graph.microsoft.com/v1.0' });
    const row = findCredentialRow(env.id, 'team')!;
    expect(row.publicValues).toMatchObject({ client_id: 'client-1', token_url: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token' });
    expect(openSecrets(row)).toEqual({ client_secret: 'secret-1' });
    const cfg = loadClientConfig(appId, 'draft', admin.id);
    expect(cfg.tokenUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
    expect(cfg.authorizationUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
    expect(cfg.scope).toBe('openid offline_access User.Read Mail.Read');
  });

  it('keeps token request quirks and auth entries of the template (Atlassian: JSON body, audience)', () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('jira');
    create(admin, { template: 'atlassian', app_id: appId, registration: { client_id: 'c', client_secret: 's' } });
    const cfg = loadClientConfig(appId, 'draft', admin.id);
    expect(cfg.contentType).toBe('application/json');
    expect(cfg.sendVia).toBe('body');
    expect(cfg.authEntries).toEqual(expect.arrayContaining([{ location: 'query', key: 'audience', value: 'api.atlassian.com' }]));
  });

  it('writes nothing when a parameter does not match, a scope is unknown, or the registration is bad', () => {
    const admin = await seedUser('admin');
    const cases: Array<[TemplateInput, string]> = [
      [{ template: 'okta', app_id: uniqueAppId('okta'), parameters: { domain: 'evil.example.com' } }, 'parameters.domain'],
      [{ template: 'github', app_id: uniqueAppId('gh'), scopes: ['not_a_scope'] }, 'scopes'],
      [{ template: 'github', app_id: uniqueAppId('gh'), kind: 'api_key' }, 'kind'],
    ];
    for (const [input, field] of cases) {
      let fields: Record<string, string> | undefined;
      try {
        create(admin, input);
      } catch (e) {
        fields = (e as { fields?: Record<string, string> }).fields;
      }
      expect(Object.keys(fields ?? {}), JSON.stringify(input)).toContain(field);
      expect(count(input.app_id)).toBe(0);
    }
  });

  it('validates registration URLs at the boundary, and an app id taken keeps the existing connection untouched', () => {
    const bad = templateInputSchema.safeParse({ template: 'github', app_id: 'gh_x', registration: { client_id: 'c', authorization_url: 'not a url' } });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['registration.authorization_url']);
    const admin = await seedUser('admin');
    const appId = uniqueAppId('gh');
    create(admin, { template: 'github', app_id: appId });
    expect(() => create(admin, { template: 'github', app_id: appId, registration: { client_id: 'other' } })).toThrow();
    expect(findCredentialRow(getConnection(appId).environments.draft!.id, 'team')).toBeUndefined();
  });

  it('refuses members', () => {
    expect(() => create(await seedUser('member'), { template: 'github', app_id: uniqueAppId('gh') })).toThrow(/admins/);
  });
});
