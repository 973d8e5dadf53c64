import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { readDb, signIn, uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';
import { callAction, serverActions, type ActionOutcome, type ActionRef } from '../fixtures/server-actions';

/**
 * The authorization matrix of every server action: each one is called over HTTP, without the UI,
 * as anonymous, member A, member B and admin, and must give exactly what the role rules say.
 * Actions come from Next's own manifest: a new action fails this test until it is classified here.
 */

type Role = 'anonymous' | 'memberA' | 'memberB' | 'admin';
type Expect = 'ok' | 'unauthenticated' | 'forbidden' | 'refused';
type Ctx = {
  as: Record<Role, APIRequestContext>;
  users: Record<'memberA' | 'memberB', { id: string; email: string }>;
  /** Calls the action under test. */
  call: (role: Role, args: unknown[], headers?: Record<string, string>) => Promise<ActionOutcome>;
  /** Calls any action by key, for set-up steps taken as a given role. */
  callAs: (role: Role, key: string, args: unknown[]) => Promise<ActionOutcome>;
  admin: (key: string, args: unknown[]) => Promise<void>;
};
type Case = { run: (ctx: Ctx) => Promise<void> };

const SET_CREDENTIALS = 'app/(console)/connections/actions.ts#setCredentialsAction';
const ROLES: Role[] = ['anonymous', 'memberA', 'memberB', 'admin'];
const ADMIN_ONLY: Record<Role, Expect> = { anonymous: 'unauthenticated', memberA: 'forbidden', memberB: 'forbidden', admin: 'ok' };

function expectOutcome(outcome: ActionOutcome, expected: Expect, label: string) {
  if (expected === 'ok') expect(outcome, label).toMatchObject({ ok: true });
  else if (expected === 'refused') expect(outcome.ok, label).toBe(false);
  else expect(outcome, label).toMatchObject({ ok: false, code: expected });
}

const count = (sql: string, ...args: unknown[]) => readDb((db) => (db.prepare(sql).get(...args) as { n: number }).n);
const connectionExists = (appId: string) => count('select count(*) n from connections where app_id = ?', appId) === 1;
const envKind = (appId: string, env = 'draft') =>
  readDb((db) => (db.prepare('select e.kind from environments e join connections c on c.id = e.connection_id where c.app_id = ? and e.env = ?').get(appId, env) as { kind?: string } | undefined)?.kind);
const credentialRow = (appId: string, ownerKey: string) =>
  readDb((db) =>
    db
      .prepare('select c.public_values v, c.updated_at t from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ? and c.owner_key = ?')
      .get(appId, ownerKey) as { v: string; t: number } | undefined,
  );
const userRole = (id: string) => readDb((db) => (db.prepare('select role from users where id = ?').get(id) as { role?: string } | undefined)?.role);

const newConnection = async (ctx: Ctx, kind = 'bearer', type: 'team' | 'member' = 'team') => {
  const appId = uniqueId('mx');
  await ctx.admin('app/(console)/connections/actions.ts#createConnectionAction', [{ app_id: appId, environments: { draft: { kind, type } } }]);
  return appId;
};
/** Users with a password come from the CLI's `users add` (the console invites by link instead). */
function addUserWithCli(email: string, password: string): string {
  const run = spawnSync(process.execPath, [path.resolve('bin/connections.mjs'), 'users', 'add', '--email', email, '--role', 'member', '--password', password], {
    env: { ...process.env, DATABASE_PATH: E2E.dbPath, CONNECTIONS_ENCRYPTION_KEY: E2E.encryptionKey },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return readDb((db) => db.prepare('select id from users where email = ?').get(email) as { id: string }).id;
}
const newUser = async () => addUserWithCli(`${uniqueId('mxuser')}@example.test`.toLowerCase(), `pw-${crypto.randomUUID()}`);

const newWebhook = async (ctx: Ctx) => {
  const url = `https://${uniqueId('hook').replace('_', '-')}.example.com/in`;
  await ctx.admin('app/(console)/settings/webhooks/actions.ts#createWebhookAction', [{ url, events: ['credential.created'] }]);
  return readDb((db) => db.prepare('select id from webhook_endpoints where url = ?').get(url) as { id: string }).id;
};

/** For each role, a fresh target, the call, and the proof that a refused call wrote nothing. */
function adminOnly(setup: (ctx: Ctx) => Promise<unknown>, args: (target: never) => unknown[], written: (target: never) => boolean): Case {
  return {
    run: async (ctx) => {
      for (const role of ROLES) {
        const target = (await setup(ctx)) as never;
        const outcome = await ctx.call(role, args(target));
        expectOutcome(outcome, ADMIN_ONLY[role], role);
        expect(written(target), `${role} wrote`).toBe(role === 'admin');
      }
    },
  };
}

const CASES: Record<string, Case | 'public'> = {
  // Public by design: sign-in checks the password; sign-out ends only the caller's own session.
  'app/(auth)/actions.ts#signInAction': 'public',
  'app/(console)/session-actions.ts#signOutAction': 'public',
  'app/(auth)/actions.ts#setupAction': {
    run: async (ctx) => {
      for (const role of ROLES) {
        const email = `${uniqueId('setup')}@example.test`.toLowerCase();
        expectOutcome(await ctx.call(role, [{ email, password: 'a-long-enough-password' }]), 'refused', role);
        expect(count('select count(*) n from users where email = ?', email)).toBe(0);
      }
    },
  },
  // Every signed-in user changes only their own password, and only with the current one. (A
  // successful change is in e2e/security/password-change.spec.ts; here it must never succeed, or
  // the shared admin session would end.)
  'app/(console)/account/actions.ts#changePasswordAction': {
    run: async (ctx) => {
      // Only the callers' own rows: specs running in parallel add and change other users.
      const callers = [ctx.users.memberA.email, ctx.users.memberB.email, E2E.admin.email];
      const hashes = () =>
        readDb((db) => JSON.stringify(db.prepare('select email, password_hash from users where email in (?, ?, ?) order by email').all(...callers)));
      const before = hashes();
      expect(JSON.parse(before)).toHaveLength(3);
      const input = [{ currentPassword: 'not-the-current-password', newPassword: 'a-brand-new-password-1', confirmPassword: 'a-brand-new-password-1' }];
      expectOutcome(await ctx.call('anonymous', input), 'unauthenticated', 'anonymous');
      for (const role of ['memberA', 'memberB', 'admin'] as const) {
        const outcome = await ctx.call(role, input);
        expect(outcome, role).toMatchObject({ ok: false, code: 'bad_input', message: 'That is not your current password.' });
      }
      expect(hashes()).toBe(before);
    },
  },
  // Public by design: the single-use token is the authorization; the OIDC action only starts the provider's sign-in.
  'app/(auth)/oidc-actions.ts#signInWithOidcAction': 'public',
  'app/(auth)/set-password/actions.ts#setPasswordAction': {
    run: async (ctx) => {
      for (const role of ROLES) {
        const password = 'a-long-enough-password';
        expectOutcome(await ctx.call(role, [{ token: `cma_${crypto.randomBytes(32).toString('base64url')}`, password, confirm: password }]), 'refused', role);
      }
    },
  },
  'app/(console)/connections/connect-link-actions.ts#createConnectLinkAction': adminOnly(
    async (ctx) => ({ appId: await newConnection(ctx, 'basic', 'member'), user: ctx.users.memberA.email }),
    (t: { appId: string; user: string }) => [{ appId: t.appId, env: 'draft', user: t.user }],
    (t: { appId: string }) => count('select count(*) n from connect_links l join environments e on e.id = l.environment_id join connections c on c.id = e.connection_id where c.app_id = ?', t.appId) === 1,
  ),
  'app/(console)/settings/connect-links/actions.ts#saveReturnToAllowlistAction': adminOnly(
    async () => `https://agent-${crypto.randomUUID().slice(0, 8)}.example.test/done`,
    (url: string) => [{ entries: url }],
    (url: string) => count("select count(*) n from app_meta where key = 'connect_link_return_to_allowlist' and value like ?", `%${url}%`) === 1,
  ),
  'app/(console)/users/invite-actions.ts#inviteUserAction': adminOnly(
    async () => `${uniqueId('invited')}@example.test`.toLowerCase(),
    (email: string) => [{ email, role: 'member' }],
    (email: string) => count('select count(*) n from users where email = ?', email) === 1,
  ),
  'app/(console)/users/invite-actions.ts#passwordResetLinkAction': adminOnly(
    newUser,
    (id: string) => [{ userId: id }],
    (id: string) => count("select count(*) n from account_links where user_id = ? and purpose = 'reset'", id) === 1,
  ),
  'app/(console)/connections/home-actions.ts#setDisplayNameAction': adminOnly(
    (ctx) => newConnection(ctx),
    (appId: string) => [{ appId, displayName: 'Renamed by the matrix' }],
    (appId: string) => count("select count(*) n from connections where app_id = ? and display_name = 'Renamed by the matrix'", appId) === 1,
  ),
  'app/(console)/connections/home-actions.ts#disconnectAction': {
    run: async (ctx) => {
      // Only the caller's own member credentials: A disconnecting never touches B's row or the team's.
      const shared = await newConnection(ctx, 'basic', 'member');
      for (const role of ['memberA', 'memberB'] as const) {
        expectOutcome(await ctx.callAs(role, SET_CREDENTIALS, [{ appId: shared, env: 'draft', values: { kind: 'basic', username: role, password: 'pw' } }]), 'ok', role);
      }
      expectOutcome(await ctx.call('anonymous', [{ appId: shared, env: 'draft' }]), 'unauthenticated', 'anonymous');
      expectOutcome(await ctx.call('memberA', [{ appId: shared, env: 'draft' }]), 'ok', 'memberA');
      expect(credentialRow(shared, ctx.users.memberA.id)).toBeUndefined();
      expect(credentialRow(shared, ctx.users.memberB.id)).toBeDefined();
      const team = await newConnection(ctx);
      await ctx.admin(SET_CREDENTIALS, [{ appId: team, env: 'draft', values: { kind: 'bearer', token: 'team-token' } }]);
      for (const role of ['memberA', 'admin'] as const) expectOutcome(await ctx.call(role, [{ appId: team, env: 'draft' }]), 'refused', role);
      expect(credentialRow(team, 'team')).toBeDefined();
    },
  },
  'app/(console)/users/actions.ts#setUserRoleAction': adminOnly(
    newUser,
    (id: string) => [{ userId: id, role: 'admin' }],
    (id: string) => userRole(id) === 'admin',
  ),
  'app/(console)/users/actions.ts#removeUserAction': adminOnly(
    newUser,
    (id: string) => [{ userId: id }],
    (id: string) => userRole(id) === undefined,
  ),
  'app/(console)/connections/actions.ts#createConnectionAction': adminOnly(
    async () => uniqueId('mxnew'),
    (appId: string) => [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }],
    (appId: string) => connectionExists(appId),
  ),
  'app/(console)/connections/actions.ts#configureEnvironmentAction': adminOnly(
    (ctx) => newConnection(ctx),
    (appId: string) => [{ appId, env: 'draft', config: { kind: 'api_key', type: 'team' } }],
    (appId: string) => envKind(appId) === 'api_key',
  ),
  'app/(console)/connections/actions.ts#deleteConnectionAction': adminOnly(
    (ctx) => newConnection(ctx),
    (appId: string) => [{ appId }],
    (appId: string) => !connectionExists(appId),
  ),
  'app/(console)/connections/auth-settings-actions.ts#saveAuthSettingsAction': adminOnly(
    (ctx) => newConnection(ctx, 'oauth_auth_code_flow', 'member'),
    (appId: string) => [{ appId, env: 'draft', settings: { parameters: [{ key: 'tenant', label: 'Tenant' }] } }],
    (appId: string) => readDb((db) => Boolean((db.prepare("select e.auth_settings a from environments e join connections c on c.id = e.connection_id where c.app_id = ?").get(appId) as { a: string | null }).a)),
  ),
  'app/(console)/connections/auth-settings-actions.ts#promoteDraftAction': adminOnly(
    (ctx) => newConnection(ctx),
    (appId: string) => [{ appId }],
    (appId: string) => envKind(appId, 'live') === 'bearer',
  ),
  'app/(console)/settings/api-keys/actions.ts#createApiKeyAction': adminOnly(
    async () => uniqueId('key'),
    (name: string) => [{ name }],
    (name: string) => count('select count(*) n from api_keys where name = ?', name) === 1,
  ),
  'app/(console)/settings/api-keys/actions.ts#revokeApiKeyAction': adminOnly(
    async (ctx) => {
      const name = uniqueId('key');
      await ctx.admin('app/(console)/settings/api-keys/actions.ts#createApiKeyAction', [{ name }]);
      return readDb((db) => db.prepare('select id from api_keys where name = ?').get(name) as { id: string }).id;
    },
    (id: string) => [{ id }],
    (id: string) => count('select count(*) n from api_keys where id = ? and revoked_at is not null', id) === 1,
  ),
  'app/(console)/settings/webhooks/actions.ts#createWebhookAction': adminOnly(
    async () => `https://${uniqueId('hook').replace('_', '-')}.example.com/in`,
    (url: string) => [{ url, events: ['credential.created'] }],
    (url: string) => count('select count(*) n from webhook_endpoints where url = ?', url) === 1,
  ),
  'app/(console)/settings/webhooks/actions.ts#deleteWebhookAction': adminOnly(
    (ctx) => newWebhook(ctx),
    (id: string) => [{ id }],
    (id: string) => count('select count(*) n from webhook_endpoints where id = ?', id) === 0,
  ),
  'app/(console)/settings/webhooks/actions.ts#sendTestWebhookAction': adminOnly(
    (ctx) => newWebhook(ctx),
    (id: string) => [{ id }],
    (id: string) => count("select count(*) n from webhook_deliveries where endpoint_id = ? and event = 'test'", id) === 1,
  ),
  'app/(console)/connections/import/actions.ts#previewImportAction': {
    run: async (ctx) => {
      const text = `spec_version: v1\nkind: connection\napp_id: ${uniqueId('preview')}\nenvironments:\n  draft: { kind: basic, type: team }\n`;
      for (const role of ROLES) expectOutcome(await ctx.call(role, [{ text }]), ADMIN_ONLY[role], role);
    },
  },
  'app/(console)/connections/import/actions.ts#importConnectionsAction': adminOnly(
    async () => uniqueId('imported'),
    (appId: string) => [{ text: `spec_version: v1\nkind: connection\napp_id: ${appId}\nenvironments:\n  draft: { kind: basic, type: team }\n` }],
    (appId: string) => connectionExists(appId),
  ),
  'app/(console)/connections/catalog-actions.ts#createFromTemplateAction': adminOnly(
    async () => uniqueId('mxtemplate'),
    (appId: string) => [{ template: 'openai', app_id: appId }],
    (appId: string) => connectionExists(appId),
  ),
  'app/(console)/connections/catalog-actions.ts#discoverIssuerAction': {
    run: async (ctx) => {
      // Reads public metadata only, yet only admins may make the server fetch a URL.
      const expected: Record<Role, Expect> = { ...ADMIN_ONLY, admin: 'refused' };
      for (const role of ROLES) expectOutcome(await ctx.call(role, [{ issuer: 'http://169.254.169.254/' }]), expected[role], role);
      expect((await ctx.call('admin', [{ issuer: 'http://169.254.169.254/' }])).message).toMatch(/link-local or metadata/);
    },
  },
  'app/(console)/connections/oauth-actions.ts#testConnectionAction': {
    run: async (ctx) => {
      // A team connection: members are refused before any provider is contacted.
      const appId = await newConnection(ctx);
      const expected: Record<Role, Expect> = { ...ADMIN_ONLY, admin: 'refused' };
      for (const role of ROLES) expectOutcome(await ctx.call(role, [{ appId, env: 'draft' }]), expected[role], role);
      expect((await ctx.call('admin', [{ appId, env: 'draft' }])).message).toMatch(/not an OAuth kind/);
    },
  },
  'app/(console)/connections/verify-actions.ts#verifyCredentialsAction': {
    run: async (ctx) => {
      // A team connection without a verification request: members are refused before anything is sent.
      const appId = await newConnection(ctx);
      const expected: Record<Role, Expect> = { ...ADMIN_ONLY, admin: 'refused' };
      for (const role of ROLES) expectOutcome(await ctx.call(role, [{ appId, env: 'draft' }]), expected[role], role);
      expect((await ctx.call('admin', [{ appId, env: 'draft' }])).message).toMatch(/no verification request/);
    },
  },
  'app/(console)/connections/actions.ts#setCredentialsAction': {
    run: async (ctx) => {
      // Team connection: admins only.
      for (const role of ROLES) {
        const appId = await newConnection(ctx);
        expectOutcome(await ctx.call(role, [{ appId, env: 'draft', values: { kind: 'bearer', token: `t-${role}` } }]), ADMIN_ONLY[role], role);
        expect(Boolean(credentialRow(appId, 'team')), `${role} wrote team credentials`).toBe(role === 'admin');
      }
      // Member connection: everyone signed in sets their own, and only their own.
      const appId = await newConnection(ctx, 'basic', 'member');
      const set = (role: Role, username: string) => ctx.call(role, [{ appId, env: 'draft', values: { kind: 'basic', username, password: `${username}-pw` } }]);
      expectOutcome(await set('anonymous', 'anon'), 'unauthenticated', 'anonymous');
      expectOutcome(await set('memberA', 'alice'), 'ok', 'memberA');
      expectOutcome(await set('memberB', 'bob'), 'ok', 'memberB');
      expect(JSON.parse(credentialRow(appId, ctx.users.memberA.id)!.v)).toEqual({ username: 'alice' });
      expect(JSON.parse(credentialRow(appId, ctx.users.memberB.id)!.v)).toEqual({ username: 'bob' });
      expect(credentialRow(appId, 'team')).toBeUndefined();
    },
  },
  'app/(console)/connections/actions.ts#clearCredentialsAction': {
    run: async (ctx) => {
      const team = await newConnection(ctx);
      await ctx.admin(SET_CREDENTIALS, [{ appId: team, env: 'draft', values: { kind: 'bearer', token: 'team-token' } }]);
      for (const role of ['anonymous', 'memberA', 'memberB'] as const) {
        expectOutcome(await ctx.call(role, [{ appId: team, env: 'draft', owner: 'team' }]), ADMIN_ONLY[role], role);
        expect(credentialRow(team, 'team'), `${role} cleared team credentials`).toBeDefined();
      }
      expectOutcome(await ctx.call('admin', [{ appId: team, env: 'draft', owner: 'team' }]), 'ok', 'admin');
      expect(credentialRow(team, 'team')).toBeUndefined();

      // On a member connection "self" is always the caller: A clearing never touches B's row.
      const shared = await newConnection(ctx, 'basic', 'member');
      for (const role of ['memberA', 'memberB'] as const) {
        expectOutcome(await ctx.callAs(role, SET_CREDENTIALS, [{ appId: shared, env: 'draft', values: { kind: 'basic', username: role, password: 'pw' } }]), 'ok', role);
      }
      expectOutcome(await ctx.call('anonymous', [{ appId: shared, env: 'draft', owner: 'self' }]), 'unauthenticated', 'anonymous');
      expectOutcome(await ctx.call('memberA', [{ appId: shared, env: 'draft', owner: 'self' }]), 'ok', 'memberA');
      expect(credentialRow(shared, ctx.users.memberA.id)).toBeUndefined();
      expect(credentialRow(shared, ctx.users.memberB.id)).toBeDefined();
    },
  },
};

async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await signIn(page, email, password);
  return context.request;
}

test.describe.configure({ mode: 'serial' });

let ctx: Ctx;
let actions: Map<string, ActionRef>;
let hostApp: string;

test.beforeAll(async ({ browser, playwright }) => {
  const adminContext = await browser.newContext();
  // Explicitly empty: request contexts otherwise inherit the project's admin storage state.
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: { cookies: [], origins: [] } });
  hostApp = uniqueId('mxhost');
  actions = serverActions({ appId: hostApp });
  const as = { admin: adminContext.request, anonymous } as Ctx['as'];
  const callAs = (role: Role, key: string, args: unknown[]) => {
    const action = actions.get(key);
    if (!action) throw new Error(`No server action ${key}`);
    return callAction(as[role], action, args);
  };
  const admin = async (key: string, args: unknown[]) => {
    expect(await callAs('admin', key, args), `admin set-up ${key}`).toMatchObject({ ok: true });
  };
  await admin('app/(console)/connections/actions.ts#createConnectionAction', [{ app_id: hostApp, environments: { draft: { kind: 'basic', type: 'team' } } }]);
  const users = {} as Ctx['users'];
  for (const role of ['memberA', 'memberB'] as const) {
    const email = `${uniqueId(role)}@example.test`.toLowerCase();
    const password = `pw-${crypto.randomUUID()}`;
    users[role] = { email, id: addUserWithCli(email, password) };
    as[role] = await signedIn(browser, email, password);
  }
  ctx = { as, users, admin, callAs, call: () => Promise.reject(new Error('bound per test')) };
});

test('every server action of the build is classified in the matrix', () => {
  const unclassified = [...actions.keys()].filter((key) => !(key in CASES));
  expect(unclassified, 'classify new server actions in authorization-matrix.spec.ts').toEqual([]);
});

test('every action listed in the matrix is a server action of the build', () => {
  const missing = Object.keys(CASES).filter((key) => !actions.has(key));
  expect(missing, 'a listed action is missing from the build: rename or remove its case').toEqual([]);
});

for (const [key, kase] of Object.entries(CASES)) {
  if (kase === 'public') continue;
  test(`authorization: ${key.split('#')[1]}`, async () => {
    // A listed action that is gone (renamed, removed) fails here instead of passing unchecked.
    expect(actions.has(key), `${key} is listed in the matrix but is not a server action of this build`).toBe(true);
    const action = actions.get(key)!;
    const scoped: Ctx = { ...ctx, call: (role, args, headers) => callAction(ctx.as[role], action, args, headers) };
    await kase.run(scoped);
  });
}

test('a foreign Origin cannot run an action with an admin session', async () => {
  const appId = uniqueId('csrf');
  const action = actions.get('app/(console)/connections/actions.ts#createConnectionAction')!;
  const outcome = await callAction(ctx.as.admin, action, [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }], {
    origin: 'https://attacker.example.test',
  });
  expect(outcome.ok).toBe(false);
  expect(connectionExists(appId)).toBe(false);
});

test('bypass headers such as x-middleware-subrequest change nothing', async () => {
  const appId = uniqueId('bypass');
  const action = actions.get('app/(console)/connections/actions.ts#createConnectionAction')!;
  const headers = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', 'x-forwarded-host': 'evil.example.test' };
  const member = await callAction(ctx.as.memberA, action, [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }], headers);
  expect(member).toMatchObject({ ok: false });
  const anonymous = await callAction(ctx.as.anonymous, action, [{ app_id: appId, environments: { draft: { kind: 'basic', type: 'team' } } }], headers);
  expect(anonymous).toMatchObject({ ok: false });
  expect(connectionExists(appId)).toBe(false);
});
