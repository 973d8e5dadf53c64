import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { environmentCredentialsView } from './credential-view';
import { setCredentials } from './set-credentials';

describe('environmentCredentialsView', () => {
  it('tells the viewer which scopes their next token request sends (to compare with the granted ones), never a secret', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'oauth_auth_client_credentials_flow', type: 'team' } } }));
    await setCredentials(admin, appId, 'draft', parseCredentialsInput('oauth_auth_client_credentials_flow', { client_id: 'c', client_secret: 'very-secret', token_url: 'https://idp.example.test/token', scope: 'read,write' }).data!);
    const view = await environmentCredentialsView((await getEnvironment(appId, 'draft')).environment, admin);
    expect(view.requestedScopes).toBe('read write');
    expect(JSON.stringify(view)).not.toContain('very-secret');
  });

  it('has no requested scopes for kinds without a token request', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
    await setCredentials(admin, appId, 'draft', parseCredentialsInput('bearer', { token: 't' }).data!);
    expect((await environmentCredentialsView((await getEnvironment(appId, 'draft')).environment, admin)).requestedScopes).toBeNull();
  });
});
