import { describe, expect, it } from 'vitest';
import { parseCredentialsInput } from './credentials-schema';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { scopesToRequest } from '@/lib/connections/resolve-scopes';
import { authSettingsSchema, type AuthSettings, type AuthSettingsInput } from './auth-settings-schema';
import { promoteDraftToLive, setAuthSettings } from './auth-settings';
import { connectionSchema } from './connection-schema';
import { getEnvironment } from './get-connection';
import { publicAuthSettings, resolvedConfigValues } from './environment-mapping';
import { createConnection } from './save-connection';

const settings = (input: AuthSettingsInput) => authSettingsSchema.parse(input);

const baseSettings: AuthSettingsInput = {
  scopes: { delimiter: 'space', items: [{ name: 'openid', required: true }, { name: 'email' }, { name: 'offline_access' }], allow_customize: true, allow_additional: true },
  parameters: [{ key: 'tenant', label: 'Tenant ID', type: 'text' }],
  config_values: [
    { key: 'api_version', label: 'API version', value: '2024-01', visible: true },
    { key: 'signing_key', label: 'Signing key', type: 'password', value: 'cfg-secret-1', visible: false },
  ],
};

async function memberAuthCode(admin: Awaited<ReturnType<typeof seedUser>>) {
  const appId = uniqueAppId();
  await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'oauth_auth_code_flow', type: 'member', server_url: 'https://{tenant}.example.test' } } }));
  return appId;
}

function creds(body: unknown) {
  const parsed = parseCredentialsInput('oauth_auth_code_flow', body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

describe('setAuthSettings', () => {
  it('stores the settings, seals password config values and bumps the version only on change', async () => {
    const admin = await seedUser('admin');
    const appId = await memberAuthCode(admin);
    const first = await setAuthSettings(admin, appId, 'draft', settings(baseSettings));
    expect(first.settingsVersion).toBe(2);
    const { environment } = await getEnvironment(appId, 'draft');
    expect(JSON.stringify(environment.authSettings)).not.toContain('cfg-secret-1');
    expect(resolvedConfigValues(environment)).toEqual({ api_version: '2024-01', signing_key: 'cfg-secret-1' });
    expect(publicAuthSettings(environment)?.config_values[1]).toMatchObject({ value: '', has_value: true });

    // Same settings with the password left empty (write-only in the browser): no new version.
    const again = settings({ ...baseSettings, config_values: [baseSettings.config_values![0], { ...baseSettings.config_values![1], value: '' }] });
    expect((await setAuthSettings(admin, appId, 'draft', again)).settingsVersion).toBe(2);
    expect(resolvedConfigValues((await getEnvironment(appId, 'draft')).environment).signing_key).toBe('cfg-secret-1');
  });

  it('refuses members and writes nothing', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await memberAuthCode(admin);
    await expect(setAuthSettings(member, appId, 'draft', settings(baseSettings))).rejects.toThrow(/admins/);
    expect((await getEnvironment(appId, 'draft')).environment.authSettings).toBeNull();
  });

  it('keeps stored credentials and marks them as set under older settings', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await memberAuthCode(admin);
    await setAuthSettings(admin, appId, 'draft', settings(baseSettings));
    await setCredentials(member, appId, 'draft', creds({ parameters: { tenant: 'contoso' } }));
    await setAuthSettings(admin, appId, 'draft', settings({ ...baseSettings, parameters: [...baseSettings.parameters!, { key: 'region', label: 'Region', type: 'dropdown', options: ['eu', 'us'] }] }));
    const { environment } = await getEnvironment(appId, 'draft');
    const row = (await findCredentialRow(environment.id, member.id))!;
    expect(row.publicValues).toMatchObject({ parameters: { tenant: 'contoso' } });
    expect(row.settingsVersion).toBeLessThan(environment.settingsVersion);
  });
});

describe('scope choice in setCredentials', () => {
  it('stores a valid customized choice for the member', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await memberAuthCode(admin);
    await setAuthSettings(admin, appId, 'draft', settings(baseSettings));
    const choice = { mode: 'custom', selected: ['email'], additional: 'files.read' };
    await setCredentials(member, appId, 'draft', creds({ parameters: { tenant: 't1' }, scope_choice: choice }));
    const { environment } = await getEnvironment(appId, 'draft');
    expect((await findCredentialRow(environment.id, member.id))!.publicValues).toMatchObject({ scope_choice: choice });
  });

  it('rejects a choice the settings do not allow and writes nothing', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await memberAuthCode(admin);
    await setAuthSettings(admin, appId, 'draft', settings({ ...baseSettings, scopes: { ...baseSettings.scopes!, allow_additional: false } }));
    await expect(setCredentials(member, appId, 'draft', creds({ parameters: { tenant: 't1' }, scope_choice: { mode: 'default', additional: 'admin.all' } }))).rejects.toThrow(
      /need attention/,
    );
    const { environment } = await getEnvironment(appId, 'draft');
    expect(await findCredentialRow(environment.id, member.id)).toBeUndefined();
  });
});

describe('a stored scope choice after the builder tightens the settings', () => {
  it('still resolves, and the member can save other changes without being refused', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await memberAuthCode(admin);
    await setAuthSettings(admin, appId, 'draft', settings(baseSettings));
    await setCredentials(member, appId, 'draft', creds({ parameters: { tenant: 't1' }, scope_choice: { mode: 'custom', selected: ['email'], additional: 'files.read' } }));
    const tightened = { ...baseSettings, scopes: { ...baseSettings.scopes!, allow_customize: false, allow_additional: false } };
    await setAuthSettings(admin, appId, 'draft', settings(tightened));
    const { environment } = await getEnvironment(appId, 'draft');
    const stored = (await findCredentialRow(environment.id, member.id))!.publicValues as Record<string, unknown>;
    expect(scopesToRequest(environment.authSettings as AuthSettings, stored)).toBe('openid email offline_access');

    await setCredentials(member, appId, 'draft', creds({ parameters: { tenant: 't2' } }));
    expect((await findCredentialRow(environment.id, member.id))!.publicValues).toMatchObject({ parameters: { tenant: 't2' }, scope_choice: { mode: 'default', additional: '' } });
  });
});

describe('promoteDraftToLive', () => {
  it('copies configuration and settings to live, re-sealing secrets, without credentials', async () => {
    const admin = await seedUser('admin');
    const appId = await memberAuthCode(admin);
    await setAuthSettings(admin, appId, 'draft', settings(baseSettings));
    await setCredentials(admin, appId, 'draft', creds({ client_id: 'cid', client_secret: 'cs', authorization_url: 'https://idp.test/auth', token_url: 'https://idp.test/{tenant}/token' }));
    await promoteDraftToLive(admin, appId);
    const live = (await getEnvironment(appId, 'live')).environment;
    expect(live.kind).toBe('oauth_auth_code_flow');
    expect(live.type).toBe('member');
    expect(live.serverUrl).toBe('https://{tenant}.example.test');
    expect(publicAuthSettings(live)?.scopes?.items.map((s) => s.name)).toEqual(['openid', 'email', 'offline_access']);
    expect(resolvedConfigValues(live)).toEqual({ api_version: '2024-01', signing_key: 'cfg-secret-1' });
    expect(await findCredentialRow(live.id, 'team')).toBeUndefined();
  });

  it('promoting unchanged settings again asks no live owner to review (a re-sealed password value is no change)', async () => {
    const admin = await seedUser('admin');
    const appId = await memberAuthCode(admin);
    await setAuthSettings(admin, appId, 'draft', settings(baseSettings));
    await promoteDraftToLive(admin, appId);
    const version = (await getEnvironment(appId, 'live')).environment.settingsVersion;
    await promoteDraftToLive(admin, appId);
    expect((await getEnvironment(appId, 'live')).environment.settingsVersion).toBe(version);
    // A changed password value is a change.
    await setAuthSettings(admin, appId, 'draft', settings({ ...baseSettings, config_values: [baseSettings.config_values![0], { ...baseSettings.config_values![1], value: 'cfg-secret-2' }] }));
    await promoteDraftToLive(admin, appId);
    expect((await getEnvironment(appId, 'live')).environment.settingsVersion).toBe(version + 1);
  });

  it('refuses without a draft and refuses members', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = uniqueAppId();
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { live: { kind: 'basic', type: 'team' } } }));
    await expect(promoteDraftToLive(admin, appId)).rejects.toThrow(/nothing to promote/);
    await expect(promoteDraftToLive(member, appId)).rejects.toThrow(/admins/);
  });
});
