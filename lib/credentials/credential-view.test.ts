import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { getDb } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
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

  it('carries the health of each stored credential (use, failures, expiry) from its row, and none before one is set', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
    expect((await environmentCredentialsView((await getEnvironment(appId, 'draft')).environment, admin)).team?.health).toBeNull();
    await setCredentials(admin, appId, 'draft', parseCredentialsInput('bearer', { token: 't', expires_on: '2031-01-31' }).data!);
    const { environment } = await getEnvironment(appId, 'draft');
    await getDb()
      .update(credentials)
      .set({ lastUsedAt: 1_000, lastFailureAt: 2_000, lastFailureMessage: 'provider said no', lastFailureCode: 'refresh_exhausted', consecutiveFailures: 3 })
      .where(and(eq(credentials.environmentId, environment.id), eq(credentials.ownerKey, 'team')));
    const health = (await environmentCredentialsView(environment, admin)).team?.health;
    expect(health).toMatchObject({ lastUsedAt: 1_000, lastFailureAt: 2_000, lastFailureMessage: 'provider said no', consecutiveFailures: 3, exhausted: true, expiresOn: '2031-01-31' });
  });
});
