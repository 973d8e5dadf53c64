import fs from 'node:fs';
import { is, Table } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { getEnvironment } from '@/lib/connections/get-connection';
import { getDb } from '@/lib/db/client';
import * as schema from '@/lib/db/schema';
import { env } from '@/lib/env';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { environmentCredentialsView, findCredentialRow } from './credential-view';
import { openSecrets } from './credential-secrets';
import { setCredentials } from './set-credentials';

async function create(admin: Awaited<ReturnType<typeof seedUser>>, kind: string, type: 'team' | 'member') {
  const appId = uniqueAppId();
  await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind, type } } }));
  return appId;
}

function input(kind: string, body: unknown) {
  const parsed = parseCredentialsInput(kind as never, body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

/** Every row of every table as text, on either database: a value stored in clear anywhere shows here. */
async function everyStoredRow(): Promise<string> {
  const tables = Object.values(schema).filter((t) => is(t, Table)) as unknown as PgTable[];
  const rows = [];
  for (const table of tables) rows.push(...(await getDb().select().from(table)));
  return JSON.stringify(rows);
}

/** The SQLite file and its write-ahead log as they are on disk (nothing on PostgreSQL, whose files are the server's). */
function sqliteFiles(): string {
  if (env().databaseUrl) return '';
  const file = env().databasePath;
  return [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
}

describe('setCredentials', () => {
  it('stores team basic credentials with the password encrypted, never in clear in the database file', async () => {
    const admin = await seedUser('admin');
    const appId = await create(admin, 'basic', 'team');
    const canary = `canary-${Date.now()}-secret`;
    await setCredentials(admin, appId, 'draft', input('basic', { username: 'svc', password: canary }));
    const { environment } = await getEnvironment(appId, 'draft');
    const row = (await findCredentialRow(environment.id, 'team'))!;
    expect(row.publicValues).toEqual({ username: 'svc' });
    expect(row.secretNames).toEqual(['password']);
    expect(openSecrets(row)).toEqual({ password: canary });
    const stored = await everyStoredRow();
    expect(stored).toContain('svc');
    expect(stored).not.toContain(canary);
    expect(sqliteFiles()).not.toContain(canary);
  });

  it('keeps a stored secret when the field is left empty, and clears it with null', async () => {
    const admin = await seedUser('admin');
    const appId = await create(admin, 'bearer', 'team');
    await setCredentials(admin, appId, 'draft', input('bearer', { token: 't1' }));
    await setCredentials(admin, appId, 'draft', input('bearer', { token: '' }));
    const { environment } = await getEnvironment(appId, 'draft');
    expect(openSecrets((await findCredentialRow(environment.id, 'team'))!)).toEqual({ token: 't1' });
    await expect(setCredentials(admin, appId, 'draft', input('bearer', { token: null }))).rejects.toThrow(/need attention/);
  });

  it('refuses team credentials from a member and writes nothing', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await create(admin, 'api_key', 'team');
    await expect(setCredentials(member, appId, 'draft', input('api_key', { api_key: 'x' }))).rejects.toThrow(/admins/);
    const { environment } = await getEnvironment(appId, 'draft');
    expect(await findCredentialRow(environment.id, 'team')).toBeUndefined();
  });

  it('gives each member their own credentials on a member connection', async () => {
    const admin = await seedUser('admin');
    const alice = await seedUser('member');
    const bob = await seedUser('member');
    const appId = await create(admin, 'basic', 'member');
    await setCredentials(alice, appId, 'draft', input('basic', { username: 'alice', password: 'a-pw' }));
    const { environment } = await getEnvironment(appId, 'draft');
    expect((await environmentCredentialsView(environment, alice)).own?.values).toEqual({ username: 'alice' });
    // Set, but no verification request has accepted them yet.
    expect((await environmentCredentialsView(environment, alice)).status).toBe('set, not verified');
    expect((await environmentCredentialsView(environment, bob)).own?.exists).toBe(false);
    expect((await environmentCredentialsView(environment, bob)).status).toBe('missing credentials');
  });

  it('splits member OAuth: registration from admins only, the password-flow user from each member', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await create(admin, 'oauth_auth_password_flow', 'member');
    await expect(setCredentials(member, appId, 'draft', input('oauth_auth_password_flow', { client_id: 'c', token_url: 'https://idp.test/token' }))).rejects.toThrow(/set by admins/);
    await setCredentials(admin, appId, 'draft', input('oauth_auth_password_flow', { client_id: 'c', client_secret: 's', token_url: 'https://idp.test/token' }));
    await setCredentials(member, appId, 'draft', input('oauth_auth_password_flow', { username: 'm', password: 'p' }));
    const { environment } = await getEnvironment(appId, 'draft');
    expect((await findCredentialRow(environment.id, 'team'))!.publicValues).toMatchObject({ client_id: 'c', token_url: 'https://idp.test/token' });
    expect((await findCredentialRow(environment.id, member.id!))!.publicValues).toEqual({ username: 'm' });
  });

  it('names every missing required field and writes nothing', async () => {
    const admin = await seedUser('admin');
    const appId = await create(admin, 'oauth_auth_client_credentials_flow', 'team');
    await expect(setCredentials(admin, appId, 'draft', input('oauth_auth_client_credentials_flow', { scope: 'a' }))).rejects.toMatchObject({
      fields: {
        client_id: 'Client ID is required.',
        client_secret: 'Client secret is required.',
        token_url: 'Token URL is required.',
      },
    });
    const { environment } = await getEnvironment(appId, 'draft');
    expect(await findCredentialRow(environment.id, 'team')).toBeUndefined();
  });

  it('keeps an omitted non-secret field, as it keeps an omitted secret; blank or null clears it', async () => {
    const admin = await seedUser('admin');
    const basic = await create(admin, 'basic', 'team');
    await setCredentials(admin, basic, 'draft', input('basic', { username: 'svc', password: 'old' }));
    // `set-credentials -p newpass`: the username stays.
    await setCredentials(admin, basic, 'draft', input('basic', { password: 'new' }));
    const basicRow = async () => (await findCredentialRow((await getEnvironment(basic, 'draft')).environment.id, 'team'))!;
    expect((await basicRow()).publicValues).toEqual({ username: 'svc' });
    expect(openSecrets(await basicRow())).toEqual({ password: 'new' });
    // The console form sends every field: a blank username there is a removal, so it is refused.
    await expect(setCredentials(admin, basic, 'draft', input('basic', { username: '', password: '' }))).rejects.toThrow(/need attention/);
    expect((await basicRow()).publicValues).toEqual({ username: 'svc' });

    const cc = await create(admin, 'oauth_auth_client_credentials_flow', 'team');
    const full = { client_id: 'cid', client_secret: 's', token_url: 'https://idp.test/token', scope: 'a b', send_via: 'body', token_entries: ['x=1'] };
    await setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', full));
    await setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', { client_id: 'cid2' }));
    const ccRow = async () => (await findCredentialRow((await getEnvironment(cc, 'draft')).environment.id, 'team'))!;
    expect((await ccRow()).publicValues).toEqual({ client_id: 'cid2', token_url: 'https://idp.test/token', scope: ['a', 'b'], send_via: 'body', token_entries: [{ location: 'header', key: 'x', value: '1' }] });
    // What the form sends for emptied fields: '' for text and selects, [] for entry rows; null from the API.
    await setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', { client_id: 'cid2', client_secret: '', token_url: 'https://idp.test/token', scope: '', send_via: '', token_entries: [] }));
    expect((await ccRow()).publicValues).toEqual({ client_id: 'cid2', token_url: 'https://idp.test/token' });
    expect(openSecrets(await ccRow())).toEqual({ client_secret: 's' });
    await expect(setCredentials(admin, cc, 'draft', input('oauth_auth_client_credentials_flow', { token_url: null }))).rejects.toThrow(/need attention/);
  });

  it('sets on-behalf-of in two steps (identity provider, then app) without either wiping the other', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    await createConnection(
      admin,
      connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'oauth_auth_on_behalf_of_flow', type: 'member', sso: true, idp_config: { header: {}, body: {} } } } }),
    );
    const kind = 'oauth_auth_on_behalf_of_flow';
    const idpFields = ['idp_url', 'idp_client_id', 'idp_client_secret', 'idp_scope', 'idp_grant_type'];
    const appFields = ['client_id', 'token_url', 'grant_type', 'token_entries'];
    // As the CLI's set-identity-provider and set-credentials call it: each leaves the other half for later.
    await setCredentials(admin, appId, 'draft', input(kind, { idp_url: 'https://idp.test/token', idp_client_id: 'idp-client', idp_client_secret: 'idp-secret' }), { setLater: appFields });
    await setCredentials(admin, appId, 'draft', input(kind, { client_id: 'app-client', token_url: 'https://app.test/token' }), { setLater: idpFields });
    const row = async () => (await findCredentialRow((await getEnvironment(appId, 'draft')).environment.id, 'team'))!;
    expect((await row()).publicValues).toEqual({ idp_url: 'https://idp.test/token', idp_client_id: 'idp-client', client_id: 'app-client', token_url: 'https://app.test/token' });
    expect(openSecrets(await row())).toEqual({ idp_client_secret: 'idp-secret' });
    // Setting the identity provider again keeps the app half.
    await setCredentials(admin, appId, 'draft', input(kind, { idp_client_id: 'idp-client-2' }), { setLater: appFields });
    expect((await row()).publicValues).toMatchObject({ idp_client_id: 'idp-client-2', client_id: 'app-client', token_url: 'https://app.test/token' });
  });
});
