import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { getEnvironment } from '@/lib/connections/get-connection';
import { getSqlite } from '@/lib/db/client';
import { env } from '@/lib/env';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { environmentCredentialsView, findCredentialRow } from './credential-view';
import { openSecrets } from './credential-secrets';
import { setCredentials } from './set-credentials';

function create(admin: ReturnType<typeof seedUser>, kind: string, type: 'team' | 'member') {
  const appId = uniqueAppId();
  createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind, type } } }));
  return appId;
}

function input(kind: string, body: unknown) {
  const parsed = parseCredentialsInput(kind as never, body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

describe('setCredentials', () => {
  it('stores team basic credentials with the password encrypted, never in clear in the database file', () => {
    const admin = await seedUser('admin');
    const appId = create(admin, 'basic', 'team');
    const canary = `canary-${Date.now()}-secret`;
    setCredentials(admin, appId, 'draft', input('basic', { username: 'svc', password: canary }));
    const { environment } = getEnvironment(appId, 'draft');
    const row = findCredentialRow(environment.id, 'team')!;
    expect(row.publicValues).toEqual({ username: 'svc' });
    expect(row.secretNames).toEqual(['password']);
    expect(openSecrets(row)).toEqual({ password: canary });
    getSqlite().pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(env().databasePath).includes(canary)).toBe(false);
  });

  it('keeps a stored secret when the field is left empty, and clears it with null', () => {
    const admin = await seedUser('admin');
    const appId = create(admin, 'bearer', 'team');
    setCredentials(admin, appId, 'draft', input('bearer', { token: 't1' }));
    setCredentials(admin, appId, 'draft', input('bearer', { token: '' }));
    const { environment } = getEnvironment(appId, 'draft');
    expect(openSecrets(findCredentialRow(environment.id, 'team')!)).toEqual({ token: 't1' });
    expect(() => setCredentials(admin, appId, 'draft', input('bearer', { token: null }))).toThrow(/need attention/);
  });

  it('refuses team credentials from a member and writes nothing', () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = create(admin, 'api_key', 'team');
    expect(() => setCredentials(member, appId, 'draft', input('api_key', { api_key: 'x' }))).toThrow(/admins/);
    const { environment } = getEnvironment(appId, 'draft');
    expect(findCredentialRow(environment.id, 'team')).toBeUndefined();
  });

  it('gives each member their own credentials on a member connection', () => {
    const admin = await seedUser('admin');
    const alice = await seedUser('member');
    const bob = await seedUser('member');
    const appId = create(admin, 'basic', 'member');
    setCredentials(alice, appId, 'draft', input('basic', { username: 'alice', password: 'a-pw' }));
    const { environment } = getEnvironment(appId, 'draft');
    expect(environmentCredentialsView(environment, alice).own?.values).toEqual({ username: 'alice' });
    // Set, but no verification request has accepted them yet.
    expect(environmentCredentialsView(environment, alice).status).toBe('set, not verified');
    expect(environmentCredentialsView(environment, bob).own?.exists).toBe(false);
    expect(environmentCredentialsView(environment, bob).status).toBe('missing credentials');
  });

  it('splits member OAuth: registration from admins only, the password-flow user from each member', () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = create(admin, 'oauth_auth_password_flow', 'member');
    expect(() =>
      setCredentials(member, appId, 'draft', input('oauth_auth_password_flow', { client_id: 'c', token_url: 'https://idp.test/token' })),
    ).toThrow(/set by admins/);
    setCredentials(admin, appId, 'draft', input('oauth_auth_password_flow', { client_id: 'c', client_secret: 's', token_url: 'https://idp.test/token' }));
    setCredentials(member, appId, 'draft', input('oauth_auth_password_flow', { username: 'm', password: 'p' }));
    const { environment } = getEnvironment(appId, 'draft');
    expect(findCredentialRow(environment.id, 'team')!.publicValues).toMatchObject({ client_id: 'c', token_url: 'https://idp.test/token' });
    expect(findCredentialRow(environment.id, member.id!)!.publicValues).toEqual({ username: 'm' });
  });

  it('names every missing required field and writes nothing', () => {
    const admin = await seedUser('admin');
    const appId = create(admin, 'oauth_auth_client_credentials_flow', 'team');
    try {
      setCredentials(admin, appId, 'draft', input('oauth_auth_client_credentials_flow', { scope: 'a' }));
      expect.unreachable();
    } catch (e) {
      expect((e as { fields: Record<string, string> }).fields).toMatchObject({
        client_id: 'Client ID is required.',
        client_secret: 'Client secret is required.',
        token_url: 'Token URL is required.',
      });
    }
    const { environment } = getEnvironment(appId, 'draft');
    expect(findCredentialRow(environment.id, 'team')).toBeUndefined();
  });

  it('keeps an omitted non-secret field, as it keeps an omitted secret; blank or null clears it', () => {
    const admin = await seedUser('admin');
    const basic = create(admin, 'basic', 'team');
    setCredentials(admin, basic, 'draft', input('basic', { username: 'svc', password: 'old' }));
    // `set-credentials -p newpass`: the username stays.
    setCredentials(admin, basic, 'draft', input('basic', { password: 'new' }));
    const basicRow = () => findCredentialRow(getEnvironment(basic, 'draft').environment.id, 'team')!;
    expect(basicRow().publicValues).toEqual({ username: 'svc' });
    expect(openSecrets(basicRow())).toEqual({ password: 'new' });
    // The console form sends every field: a blank username there is a removal, so it is refused.
    expect(() => setCredentials(admin, basic, 'draft', input('basic', { username: '', password: '' }))).toThrow(/need attention/);
    expect(basicRow().publicValues).toEqual({ username: 'svc' });

    const cc = create(admin, 'oauth_auth_client_credentials_flow', 'team');
    const full = { client_id: 'cid', client_secret: 's', token_url: 'https://idp.test/token', scope: 'a b', send_via: 'body', token_entries: ['x=1'] };
    setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', full));
    setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', { client_id: 'cid2' }));
    const ccRow = () => findCredentialRow(getEnvironment(cc, 'draft').environment.id, 'team')!;
    expect(ccRow().publicValues).toEqual({ client_id: 'cid2', token_url: 'https://idp.test/token', scope: ['a', 'b'], send_via: 'body', token_entries: [{ location: 'header', key: 'x', value: '1' }] });
    // What the form sends for emptied fields: '' for text and selects, [] for entry rows; null from the API.
    setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', { client_id: 'cid2', client_secret: '', token_url: 'https://idp.test/token', scope: '', send_via: '', token_entries: [] }));
    expect(ccRow().publicValues).toEqual({ client_id: 'cid2', token_url: 'https://idp.test/token' });
    expect(openSecrets(ccRow())).toEqual({ client_secret: 's' });
    expect(() => setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', { token_url: null }))).toThrow(/need attention/);
  });

  it('sets on-behalf-of in two steps (identity provider, then app) without either wiping the other', () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    createConnection(
      admin,
      connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'oauth_auth_on_behalf_of_flow', type: 'member', sso: true, idp_config: { header: {}, body: {} } } } }),
    );
    const kind = 'oauth_auth_on_behalf_of_flow';
    const idpFields = ['idp_url', 'idp_client_id', 'idp_client_secret', 'idp_scope', 'idp_grant_type'];
    const appFields = ['client_id', 'token_url', 'grant_type', 'token_entries'];
    // As the CLI's set-identity-provider and set-credentials call it: each leaves the other half for later.
    setCredentials(admin, appId, 'draft', input(kind, { idp_url: 'https://idp.test/token', idp_client_id: 'idp-client', idp_client_secret: 'idp-secret' }), { setLater: appFields });
    setCredentials(admin, appId, 'draft', input(kind, { client_id: 'app-client', token_url: 'https://app.test/token' }), { setLater: idpFields });
    const row = () => findCredentialRow(getEnvironment(appId, 'draft').environment.id, 'team')!;
    expect(row().publicValues).toEqual({ idp_url: 'https://idp.test/token', idp_client_id: 'idp-client', client_id: 'app-client', token_url: 'https://app.test/token' });
    expect(openSecrets(row())).toEqual({ idp_client_secret: 'idp-secret' });
    // Setting the identity provider again keeps the app half.
    setCredentials(admin, appId, 'draft', input(kind, { idp_client_id: 'idp-client-2' }), { setLater: appFields });
    expect(row().publicValues).toMatchObject({ idp_client_id: 'idp-client-2', client_id: 'app-client', token_url: 'https://app.test/token' });
  });
});
