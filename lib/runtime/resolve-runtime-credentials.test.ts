import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { actorFromApiKey } from '@/lib/api-keys/authenticate-api-key';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { apiKeys, auditEvents } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { setUserRole, removeUser } from '@/lib/users/users';
import { resolveRuntimeCredentials } from './resolve-runtime-credentials';
import { flushRuntimeAudit } from './runtime-audit';
import { runtimeCredentialsHandler } from './runtime-credentials-handler';

async function create(admin: UserActor, draft: Record<string, unknown>) {
  const appId = uniqueAppId();
  await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft } }));
  return appId;
}

async function set(actor: UserActor, appId: string, kind: string, body: unknown) {
  const parsed = parseCredentialsInput(kind as never, body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  await setCredentials(actor, appId, 'draft', parsed.data);
}

/** The same user calling with an API key, as tools do. */
const viaKey = (actor: UserActor) => ({ ...actor, via: 'api_key' as const });

async function failure(run: () => unknown): Promise<AppError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('resolveRuntimeCredentials', () => {
  it('resolves team basic credentials with the server URL filled and config entries', async () => {
    const admin = await seedUser('admin');
    const appId = await create(admin, {
      kind: 'basic',
      type: 'team',
      server_url: 'https://{tenant}.example.com/{api_version}',
      custom_config_entries: { region: 'eu' },
      auth_settings: { parameters: [{ key: 'tenant', label: 'Tenant', type: 'text' }], config_values: [{ key: 'api_version', label: 'v', value: '2024-01' }] },
    });
    await set(admin, appId, 'basic', { username: 'svc', password: 'pw-1', parameters: { tenant: 'acme' } });
    expect(await resolveRuntimeCredentials(admin, { appId, env: 'draft' })).toEqual({
      kind: 'basic',
      server_url: 'https://acme.example.com/2024-01',
      credentials: { username: 'svc', password: 'pw-1', parameters: { tenant: 'acme' } },
      custom_config_entries: { region: 'eu' },
      config: { api_version: '2024-01' },
    });
  });

  it('resolves key_value entries, and refuses team credentials to members', async () => {
    const admin = await seedUser('admin');
    const appId = await create(admin, { kind: 'kv', type: 'team' });
    await set(admin, appId, 'key_value', { entries: ['a=1', 'b=2'] });
    expect((await resolveRuntimeCredentials(admin, { appId, env: 'draft' })).credentials).toEqual({ entries: { a: '1', b: '2' } });
    const member = viaKey(await seedUser('member'));
    expect((await failure(() => resolveRuntimeCredentials(member, { appId, env: 'draft' }))).code).toBe('forbidden');
  });

  it('gives a member their own member credentials only, and 428 with a connect URL before they set them', async () => {
    const admin = await seedUser('admin');
    const alice = await seedUser('member');
    const bob = await seedUser('member');
    const appId = await create(admin, { kind: 'api_key', type: 'member' });
    await set(alice, appId, 'api_key', { api_key: 'alice-key' });
    expect((await resolveRuntimeCredentials(viaKey(alice), { appId, env: 'draft' })).credentials).toEqual({ api_key: 'alice-key' });
    expect((await resolveRuntimeCredentials(admin, { appId, env: 'draft', userEmail: alice.email })).credentials).toEqual({ api_key: 'alice-key' });
    expect((await failure(() => resolveRuntimeCredentials(viaKey(bob), { appId, env: 'draft', userEmail: alice.email }))).code).toBe('forbidden');
    const missing = await failure(() => resolveRuntimeCredentials(viaKey(bob), { appId, env: 'draft' }));
    expect(missing.code).toBe('member_must_connect');
    expect(missing.extra?.connect_url).toMatch(new RegExp(`/connections/${appId}/connect\\?env=draft$`));
    expect((await failure(() => resolveRuntimeCredentials(admin, { appId, env: 'draft', userEmail: 'nobody@example.test' }))).code).toBe('not_found');
  });

  it('refuses a member’s browser session (tools use API keys), while an admin’s session is answered', async () => {
    const admin = await seedUser('admin');
    const alice = await seedUser('member');
    const appId = await create(admin, { kind: 'api_key', type: 'member' });
    await set(alice, appId, 'api_key', { api_key: 'alice-key' });
    const refused = await failure(() => resolveRuntimeCredentials(alice, { appId, env: 'draft' }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/API key/);
    expect((await resolveRuntimeCredentials(admin, { appId, env: 'draft', userEmail: alice.email })).credentials).toEqual({ api_key: 'alice-key' });
  });

  it('never gives a member hidden or password config values; admins get them all', async () => {
    const admin = await seedUser('admin');
    const alice = await seedUser('member');
    const appId = await create(admin, {
      kind: 'api_key',
      type: 'member',
      auth_settings: {
        config_values: [
          { key: 'shown', label: 'Shown', value: 'visible-value' },
          { key: 'hidden', label: 'Hidden', value: 'hidden-value', visible: false },
          { key: 'secret', label: 'Secret', type: 'password', value: 'password-value' },
        ],
      },
    });
    await set(alice, appId, 'api_key', { api_key: 'alice-key' });
    const own = await resolveRuntimeCredentials(viaKey(alice), { appId, env: 'draft' });
    expect(own.config).toEqual({ shown: 'visible-value' });
    expect(JSON.stringify(own)).not.toMatch(/hidden-value|password-value/);
    const byAdmin = await resolveRuntimeCredentials(admin, { appId, env: 'draft', userEmail: alice.email });
    expect(byAdmin.config).toEqual({ shown: 'visible-value', hidden: 'hidden-value', secret: 'password-value' });
  });

  it('a member parameter cannot choose the host of token_url (and so receive the client secret)', async () => {
    const admin = await seedUser('admin');
    const alice = await seedUser('member');
    const appId = await create(admin, { kind: 'oauth_auth_password_flow', type: 'member', auth_settings: { parameters: [{ key: 'domain', label: 'Okta domain' }] } });
    await set(admin, appId, 'oauth_auth_password_flow', { client_id: 'shared-client', client_secret: 'shared-client-secret', token_url: 'https://{domain}/oauth2/v1/token' });
    await set(alice, appId, 'oauth_auth_password_flow', { username: 'alice', password: 'alice-pw', parameters: { domain: 'attacker.example' } });
    const refused = await failure(() => resolveRuntimeCredentials(viaKey(alice), { appId, env: 'draft' }));
    expect(refused.code).toBe('bad_input');
    expect(refused.fields?.token_url).toMatch(/may not change the scheme, host or port/);
  });

  it('explains the implicit flow instead of resolving it', async () => {
    const admin = await seedUser('admin');
    const appId = await create(admin, { kind: 'oauth_auth_implicit_flow', type: 'team' });
    expect((await failure(() => resolveRuntimeCredentials(admin, { appId, env: 'draft' }))).message).toMatch(/RFC 9700/);
  });
});

describe('API keys', () => {
  it('act with the owner’s current role and stop at once when revoked, demoted or removed', async () => {
    const admin = await seedUser('admin');
    const other = await seedUser('admin');
    const created = await createApiKey(admin, { name: 'tool', userId: other.id });
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row.keyHash).not.toContain(created.key);
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(await actorFromApiKey(created.key)).toMatchObject({ id: other.id, role: 'admin', via: 'api_key' });
    await setUserRole(admin, other.id, 'member');
    expect(await actorFromApiKey(created.key)).toMatchObject({ id: other.id, role: 'member' });
    await removeUser(admin, other.id);
    expect(await actorFromApiKey(created.key)).toBeNull();

    const mine = await createApiKey(admin, { name: 'mine' });
    expect((await actorFromApiKey(mine.key))?.id).toBe(admin.id);
    await revokeApiKey(admin, mine.id);
    expect(await actorFromApiKey(mine.key)).toBeNull();
    expect(await actorFromApiKey('cmk_' + 'x'.repeat(43))).toBeNull();
    const member = await seedUser('member');
    await expect(createApiKey(member, { name: 'nope' })).rejects.toThrow(AppError);
  });
});

describe('runtime read audit', () => {
  it('records who read which credentials and the outcome, never a value', async () => {
    const admin = await seedUser('admin');
    const appId = await create(admin, { kind: 'bearer', type: 'team' });
    await set(admin, appId, 'bearer', { token: 'audited-secret-token' });
    const request = { method: 'GET', url: new URL(`http://x/api/v1/connections/${appId}/draft/runtime-credentials`), header: () => undefined, readBody: async () => '' };
    const response = await runtimeCredentialsHandler({ actor: admin, request, params: { appId, env: 'draft' } });
    expect(JSON.parse(response.body).credentials).toEqual({ token: 'audited-secret-token' });
    const member = await seedUser('member');
    await expect(runtimeCredentialsHandler({ actor: member, request, params: { appId, env: 'draft' } })).rejects.toThrow(AppError);
    await flushRuntimeAudit();
    const events = (await getDb().select().from(auditEvents).where(eq(auditEvents.target, appId)).orderBy(auditEvents.id)).filter((e) => e.action === 'credentials.runtime_read');
    expect(events.map((e) => e.outcome)).toEqual(['success', 'denied']);
    expect(JSON.stringify(events)).not.toContain('audited-secret-token');
  });
});
