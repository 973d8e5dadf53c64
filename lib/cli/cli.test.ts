import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ADK_NAMES } from '@/lib/connections/adk-names';
import { IMPLICIT_FLOW_MESSAGE, type Kind } from '@/lib/connections/kinds';
import { EXAMPLE_PREFIXES, orchestrateExamples } from '@/test/orchestrate-examples';
import { parseTables } from '@/test/list-output';
import { CLI_BIN, cliEnvironment, hasPostgresServer, temporaryCli, temporaryDatabase, temporaryPostgresUrl } from '@/test/cli-runner';

// The real binary (bin/connections.mjs), as a child process, on its own temporary database (a
// SQLite file, or a PostgreSQL database on the PostgreSQL run).
const { dir, db, cli } = await temporaryCli('main', 9);
const onPostgres = db.env.DATABASE_URL !== undefined;

function ok(...args: string[]) {
  const run = cli(...args);
  expect(run.err, `connections ${args.join(' ')}`).toBe('');
  expect(run.code).toBe(0);
  return run.out;
}

function fails(expectedCode: number, pattern: RegExp, ...args: string[]) {
  const run = cli(...args);
  expect(run.code).toBe(expectedCode);
  expect(run.err.trim().split('\n')).toHaveLength(1);
  expect(run.err).toMatch(pattern);
}

const query = db.query;

const id = () => crypto.randomUUID().replace(/-/g, '').slice(0, 8);

// Spawned processes on a shared, busy machine: generous room, never a speed test (bench/ measures speed).
describe('connections CLI (real binary, temporary database)', { timeout: 300_000 }, () => {
  it('prints help for every command and exits 0', () => {
    const overview = ok('--help');
    for (const name of ['add', 'configure', 'set-credentials', 'set-identity-provider', 'import', 'export', 'list', 'remove', 'env', 'exec', 'users', 'rotate-key', 'backup', 'migrate', 'copy-db']) {
      expect(overview).toContain(name);
    }
    expect(ok('configure', '--help')).toMatch(/-k, --kind KIND/);
    expect(ok('set-credentials', '--help')).toMatch(/--token-entries/);
  });

  it('npx connections runs the bin linked into node_modules/.bin, not a package the root declares', () => {
    // A root `bin` makes `npm exec` read the whole dependency tree before every call (half a second);
    // the bin comes from the file:bin dependency instead (bin/package.json).
    const root = path.resolve(import.meta.dirname, '..', '..');
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bin).toBeUndefined();
    expect(fs.realpathSync(path.join(root, 'node_modules', '.bin', 'connections'))).toBe(fs.realpathSync(CLI_BIN));
    const run = spawnSync('npx', ['--no-install', 'connections', '--help'], { cwd: root, env: { ...process.env, ...db.env }, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: connections <command>/);
  });

  it('runs the orchestrate sequence: add, configure draft and live, set-credentials per kind, list, export, remove', async () => {
    const app = `crm_${id()}`;
    ok('add', '-a', app, '--component', 'knowledge', '--category', 'milvus');
    ok('configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'basic', '--server-url', 'https://crm.example.com', '-e', 'region=eu');
    ok('configure', '-a', app, '--env', 'live', '-t', 'team', '-k', 'kv');
    ok('set-credentials', '-a', app, '--env', 'draft', '-u', 'svc', '-p', 'cli-secret-pw');
    ok('set-credentials', '-a', app, '--env', 'live', '-e', 'k1=v1', '-e', 'k2=v2');

    const tables = parseTables(ok('list'));
    expect(tables.Draft[0]).toEqual(['App ID', 'Auth Type', 'Type', 'Credentials Set/ Connected']);
    expect(tables.Draft).toContainEqual([app, 'basic_auth', 'team', '✅']);
    expect(tables.Live).toContainEqual([app, 'key_value_creds', 'team', '✅']);
    const live = JSON.parse(ok('list', '--env', 'live', '-v')) as Record<'non_configured' | 'draft' | 'live', Array<Record<string, unknown>>>;
    expect(live.draft).toEqual([]);
    expect(live.live.find((c) => c.app_id === app)).toMatchObject({ security_scheme: 'key_value_creds', auth_type: null, preference: 'team', credentials_entered: true });

    const yaml = ok('export', '-a', app);
    expect(yaml).toContain(`app_id: ${app}`);
    expect(yaml).not.toContain('cli-secret-pw');
    const file = path.join(dir, `${app}.yaml`);
    ok('export', '-a', app, '-o', file);
    expect(fs.readFileSync(file, 'utf8')).toBe(yaml);
    expect(await db.contains('cli-secret-pw')).toBe(false);
    expect(await db.contains(app)).toBe(true); // the search itself finds what is stored

    ok('remove', '-a', app);
    expect(await query('select 1 from connections where app_id = ?', app)).toHaveLength(0);
    fails(1, /was not found/, 'remove', '-a', app);
  });

  it('sets OAuth credentials with orchestrate flags, and the identity provider of on-behalf-of', async () => {
    const cc = `cc_${id()}`;
    ok('add', '-a', cc);
    ok('configure', '-a', cc, '--env', 'draft', '-t', 'team', '-k', 'oauth_auth_client_credentials_flow');
    ok('set-credentials', '-a', cc, '--env', 'draft', '--client-id', 'cid', '--client-secret', 'csecret', '--token-url', 'https://idp.example.com/token', '--scope', 'read,write', '--send-via', 'body', '-t', 'body:audience=api', '-t', 'x=1');
    const [row] = await query<{ public_values: string; secret_names: string }>(
      "select c.public_values, c.secret_names from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ?",
      cc,
    );
    expect(JSON.parse(row.public_values)).toMatchObject({ client_id: 'cid', scope: ['read', 'write'], send_via: 'body', token_entries: [{ location: 'body', key: 'audience', value: 'api' }, { location: 'header', key: 'x', value: '1' }] });
    expect(JSON.parse(row.secret_names)).toEqual(['client_secret']);

    const obo = `obo_${id()}`;
    ok('add', '-a', obo);
    ok('configure', '-a', obo, '--env', 'live', '-t', 'member', '-k', 'oauth_auth_on_behalf_of_flow', '--sso', '--idp-token-use', 'on_behalf_of', '--idp-token-type', 'urn:ietf:params:oauth:token-type:jwt', '--app-token-header', 'content-type=application/x-www-form-urlencoded');
    ok('set-identity-provider', '-a', obo, '--env', 'live', '--url', 'https://idp.example.com/token', '--client-id', 'idp-client', '--client-secret', 'idp-secret', '--scope', 'openid', '--grant-type', 'urn:ietf:params:oauth:grant-type:token-exchange');
    ok('set-credentials', '-a', obo, '--env', 'live', '--client-id', 'app-client', '--token-url', 'https://app.example.com/token');
    const doc = ok('export', '-a', obo);
    expect(doc).toMatch(/requested_token_use: on_behalf_of/);
    expect(doc).not.toContain('idp-secret');
  });

  it.each([
    ['bearer', 'team', [], ['--token', 'bearer-secret']],
    ['api_key', 'team', [], ['-k', 'api-key-secret']],
    ['oauth_auth_code_flow', 'team', [], ['--client-id', 'cid', '--client-secret', 'cs', '--authorization-url', 'https://idp.example.com/authorize', '--token-url', 'https://idp.example.com/token', '--scope', 'openid,offline_access', '--auth-entries', 'prompt=consent', '--send-via', 'header']],
    ['oauth_auth_password_flow', 'team', [], ['--client-id', 'cid', '-u', 'svc', '-p', 'pw', '--token-url', 'https://idp.example.com/token']],
    ['oauth_auth_token_exchange_flow', 'member', ['--sso'], ['--client-id', 'cid', '--token-url', 'https://idp.example.com/token', '--grant-type', 'urn:ietf:params:oauth:grant-type:token-exchange']],
  ])('configures and sets %s credentials with orchestrate flags', async (kind, type, extra, flags) => {
    const app = `k_${id()}`;
    ok('add', '-a', app);
    ok('configure', '-a', app, '--env', 'live', '-t', type, '-k', kind, ...extra);
    expect(ok('set-credentials', '-a', app, '--env', 'live', ...flags)).toMatch(/Set \d+ credential value/);
    const [row] = await query<{ secret_names: string }>(
      'select c.secret_names from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ?',
      app,
    );
    expect(row).toBeDefined();
    const listed = JSON.parse(ok('list', '--env', 'live', '-v')) as { live: Array<{ app_id: string; security_scheme: string; auth_type: string | null }> };
    const names = ADK_NAMES[kind as Kind];
    expect(listed.live.find((c) => c.app_id === app)).toMatchObject({ security_scheme: names.security_scheme, auth_type: names.auth_type });
  });

  it('sets member credentials as a named user', async () => {
    const email = `member-${id()}@example.test`;
    ok('users', 'add', '--email', email, '--role', 'member', '--password', 'member-password-1234');
    const app = `mem_${id()}`;
    ok('add', '-a', app);
    ok('configure', '-a', app, '--env', 'draft', '-t', 'member', '-k', 'api_key');
    fails(1, /signed-in user/, 'set-credentials', '-a', app, '--env', 'draft', '-k', 'x');
    ok('set-credentials', '-a', app, '--env', 'draft', '--api-key', 'member-key', '--user', email);
    expect(await query("select owner_key from credentials c join users u on u.id = c.owner_key where u.email = ?", email)).toHaveLength(1);
    expect(parseTables(ok('list', '--env', 'draft')).Draft).toContainEqual([app, 'api_key_auth', 'member', '✅']);
  });

  it('imports every orchestrate example, and refuses a bad file with a one-line reason, writing nothing', async () => {
    const suffix = id();
    const good = path.join(dir, 'good.yaml');
    fs.writeFileSync(good, orchestrateExamples(suffix));
    // The implicit-flow example is accepted, with its deprecation on stderr and exit 0.
    const implicitWarning = `connections import: warning: "implicit_${suffix}" draft (oauth_auth_implicit_flow): ${IMPLICIT_FLOW_MESSAGE}\n`;
    const dryRun = cli('import', '-f', good, '--dry-run');
    expect(dryRun).toMatchObject({ code: 0, err: implicitWarning });
    expect(dryRun.out).toMatch(new RegExp(`${EXAMPLE_PREFIXES.length} created`));
    expect(await query('select 1 from connections where app_id like ?', `%${suffix}`)).toHaveLength(0);
    const imported = cli('import', '-f', good);
    expect(imported).toMatchObject({ code: 0, err: implicitWarning });
    expect(imported.out).toMatch(/Imported 11 connection\(s\): 11 created, 0 updated/);
    expect(await query('select 1 from connections where app_id like ?', `%${suffix}`)).toHaveLength(EXAMPLE_PREFIXES.length);

    const bad = path.join(dir, 'bad.yaml');
    const other = id();
    fs.writeFileSync(bad, `spec_version: v1\nkind: connection\napp_id: fine_${other}\nenvironments: { draft: { kind: bearer, type: team } }\n---\nspec_version: v1\nkind: connection\napp_id: x_${other}\nenvironments:\n  draft:\n    kind: telepathy\n    type: team\n`);
    fails(1, /Document 2, line 11, environments\.draft\.kind: Unknown kind "telepathy"/, 'import', '-f', bad);
    expect(await query('select 1 from connections where app_id like ?', `%${other}`)).toHaveLength(0);
    // Many problems: the first ten, then how many more, on one line.
    const many = path.join(dir, 'many-bad.yaml');
    fs.writeFileSync(many, Array.from({ length: 25 }, (_, i) => `kind: connection\napp_id: many_${i}_${other}\n`).join('---\n'));
    fails(1, /^connections import: The file has 50 problems: nothing was imported\. Document 1, line 1, spec_version: .*\| Document 5, line 13, environments: [^|]*\| … and 40 more\n$/, 'import', '-f', many);
    fails(2, /no such file/, 'import', '-f', path.join(dir, 'missing.yaml'));
  });

  it('accepts the implicit flow with a deprecation warning, and refuses its credentials with that message', () => {
    const app = `imp_${id()}`;
    ok('add', '-a', app);
    const configured = cli('configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'oauth_auth_implicit_flow');
    expect(configured.code).toBe(0);
    expect(configured.out).toMatch(/Configured draft/);
    expect(configured.err).toBe(`connections configure: warning: "${app}" draft (oauth_auth_implicit_flow): ${IMPLICIT_FLOW_MESSAGE}\n`);
    fails(1, /implicit flow is deprecated \(RFC 9700.*PKCE/, 'set-credentials', '-a', app, '--env', 'draft', '--client-id', 'x');
    fails(1, /implicit flow is deprecated/, 'set-credentials', '-a', app, '--env', 'draft');
  });

  it('changes one credential value without dropping the others (basic password; on-behalf-of in two steps)', async () => {
    const app = `part_${id()}`;
    ok('add', '-a', app);
    ok('configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'basic');
    ok('set-credentials', '-a', app, '--env', 'draft', '-u', 'svc', '-p', 'first-pw');
    ok('set-credentials', '-a', app, '--env', 'draft', '-p', 'second-pw');
    const values = async (appId: string) =>
      (
        await query<{ public_values: string; secret_names: string }>(
          'select c.public_values, c.secret_names from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ?',
          appId,
        )
      ).map((r) => ({ public: JSON.parse(r.public_values), secrets: JSON.parse(r.secret_names) }));
    expect(await values(app)).toEqual([{ public: { username: 'svc' }, secrets: ['password'] }]);

    const obo = `obo2_${id()}`;
    ok('add', '-a', obo);
    fails(1, /needs idp_config\.body\.requested_token_type: give --idp-token-type/, 'configure', '-a', obo, '--env', 'draft', '-t', 'member', '-k', 'oauth_auth_on_behalf_of_flow', '--sso', '--idp-token-use', 'on_behalf_of');
    ok('configure', '-a', obo, '--env', 'draft', '-t', 'member', '-k', 'oauth_auth_on_behalf_of_flow', '--sso', '--idp-token-use', 'on_behalf_of', '--idp-token-type', 'urn:ietf:params:oauth:token-type:saml2');
    ok('set-identity-provider', '-a', obo, '--env', 'draft', '--url', 'https://idp.example.com/token', '--client-id', 'idp-client', '--client-secret', 'idp-secret');
    ok('set-credentials', '-a', obo, '--env', 'draft', '--client-id', 'app-client', '--token-url', 'https://app.example.com/token');
    ok('set-identity-provider', '-a', obo, '--env', 'draft', '--scope', 'openid');
    expect(await values(obo)).toEqual([
      {
        public: { idp_url: 'https://idp.example.com/token', idp_client_id: 'idp-client', idp_scope: ['openid'], client_id: 'app-client', token_url: 'https://app.example.com/token' },
        secrets: ['idp_client_secret'],
      },
    ]);
  });

  it('list: *Non-Configured holds only connections with neither environment configured, and only without --env', () => {
    const draftOnly = `dro_${id()}`;
    const bare = `bare_${id()}`;
    ok('add', '-a', draftOnly);
    ok('configure', '-a', draftOnly, '--env', 'draft', '-t', 'team', '-k', 'bearer');
    ok('add', '-a', bare);
    const all = parseTables(ok('list'));
    expect(all['*Non-Configured']).toContainEqual([bare, 'n/a', 'n/a', '❌']);
    expect(all['*Non-Configured'].map((r) => r[0])).not.toContain(draftOnly);
    expect(all.Draft).toContainEqual([draftOnly, 'bearer_token', 'team', '❌']);
    for (const env of ['draft', 'live']) {
      const tables = parseTables(ok('list', '--environment', env));
      expect(Object.keys(tables)).toEqual([env === 'draft' ? 'Draft' : 'Live']);
    }
    expect(ok('list', '--env', 'live')).not.toContain(draftOnly);
  });

  it('backs up the database online (on PostgreSQL: refuses, naming pg_dump) and rotates the encryption key, keeping secrets readable', async () => {
    const app = `maint_${id()}`;
    ok('add', '-a', app);
    ok('configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'bearer');
    ok('set-credentials', '-a', app, '--env', 'draft', '--token', 'rotate-me-token');
    const backup = path.join(dir, 'backup.db');
    if (onPostgres) {
      fails(1, /backup copies the SQLite database file; .*pg_dump, and keep the encryption key apart/, 'backup', '-o', backup);
      expect(fs.existsSync(backup)).toBe(false);
    } else {
      expect(ok('backup', '-o', backup)).toMatch(/Backed up/);
      const copy = new Database(backup, { readonly: true });
      expect(copy.prepare('select count(*) n from connections where app_id = ?').get(app)).toEqual({ n: 1 });
      copy.close();
    }
    fails(2, /-o\/--output is required/, 'backup');

    // Rotation with the key in a file (no CONNECTIONS_ENCRYPTION_KEY): the CLI rewrites the file.
    const keyDb = await temporaryDatabase(dir, 'rot');
    const keyEnv = cliEnvironment(keyDb);
    delete keyEnv.CONNECTIONS_ENCRYPTION_KEY;
    const keyDir = path.dirname(keyDb.env.DATABASE_PATH);
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI_BIN, ...args], { env: keyEnv, encoding: 'utf8', timeout: 240_000 });
    expect(run('add', '-a', app).status).toBe(0);
    expect(run('configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'bearer').status).toBe(0);
    expect(run('set-credentials', '-a', app, '--env', 'draft', '--token', 'rotate-me-token').status).toBe(0);
    const before = fs.readFileSync(path.join(keyDir, 'encryption.key'), 'utf8').trim().split('\n');
    const rotated = run('rotate-key');
    expect(rotated.stderr).toBe('');
    expect(rotated.stdout).toMatch(/Re-encrypted \d+ secret\(s\) under key/);
    const after = fs.readFileSync(path.join(keyDir, 'encryption.key'), 'utf8').trim().split('\n');
    expect(after[0]).not.toBe(before[0]);
    // Setting credentials again opens the stored row (merge), so it must decrypt under the new ring.
    const again = run('set-credentials', '-a', app, '--env', 'draft', '--token', 'after-rotation');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
  });

  it('migrate says which database it migrated, without its password, and that it is up to date', () => {
    const migrated = ok('migrate');
    expect(migrated).toMatch(onPostgres ? /^PostgreSQL postgres:\/\/[^/@]+\/cm_cli_\w+: every migration is applied; the database is up to date\.\n$/ : /^SQLite \/.*\/cli\.db: every migration is applied; the database is up to date\.\n$/);
    expect(ok('migrate')).toBe(migrated);
  });

  it.skipIf(!hasPostgresServer)('copy-db copies the SQLite database into an empty PostgreSQL database that then serves the same secrets, and only once', async () => {
    // The source is a SQLite file on either run; the target a throwaway PostgreSQL database.
    const source = await temporaryDatabase(dir, 'copy-source');
    const sqliteEnv: NodeJS.ProcessEnv = { ...cliEnvironment(source, { CONNECTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') }), DATABASE_PATH: source.env.DATABASE_PATH };
    delete sqliteEnv.DATABASE_URL;
    const target = await temporaryPostgresUrl();
    const run = (extra: Record<string, string>, ...args: string[]) => {
      const child = spawnSync(process.execPath, [CLI_BIN, ...args], { env: { ...sqliteEnv, ...extra }, encoding: 'utf8', timeout: 240_000 });
      return { code: child.status, out: child.stdout, err: child.stderr };
    };
    const app = `copied_${id()}`;
    for (const args of [['add', '-a', app], ['configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'bearer'], ['set-credentials', '-a', app, '--env', 'draft', '--token', 'copied-secret-token']]) {
      expect(run({}, ...args)).toMatchObject({ code: 0, err: '' });
    }

    const copied = run({}, 'copy-db', '--to', target);
    expect(copied).toMatchObject({ code: 0, err: '' });
    expect(copied.out).toContain('Copied credentials: 1 row(s).');
    expect(copied.out).toMatch(/Copied \d+ row\(s\) in \d+ tables from SQLite .* to postgres:\/\/[^/@]+\/cm_cli_\w+\. Start the console with DATABASE_URL/);
    expect(copied.out).not.toContain(new URL(target).password ? `:${new URL(target).password}@` : '@');
    // The copy serves the secret decrypted with the same key; the source is untouched.
    expect(run({ DATABASE_URL: target }, 'env', '-a', app)).toMatchObject({ code: 0, out: expect.stringContaining("WXO_CONNECTION_" + app + "_token='copied-secret-token'") });
    expect(run({}, 'env', '-a', app).out).toContain('copied-secret-token');

    const again = run({}, 'copy-db', '--to', target);
    expect(again.code).toBe(1);
    expect(again.err.trim().split('\n')).toHaveLength(1);
    expect(again.err).toMatch(/^connections copy-db: The target database is not empty \(.*connections: 1.*\).*Nothing was copied\.$/m);
    expect(run({ DATABASE_URL: target }, 'copy-db', '--to', target)).toMatchObject({ code: 2, err: expect.stringMatching(/DATABASE_URL is set/) });
    expect(run({}, 'copy-db', '--to', 'mysql://x/y')).toMatchObject({ code: 2, err: expect.stringMatching(/PostgreSQL URL/) });
    expect(run({}, 'copy-db')).toMatchObject({ code: 2, err: expect.stringMatching(/--to is required/) });
  });

  it('refuses bad input with a one-line reason and a non-zero exit', () => {
    fails(2, /Unknown command/, 'frobnicate');
    fails(2, /-a\/--app-id is required/, 'add');
    fails(2, /Unknown option '--bogus'/, 'add', '-a', 'x', '--bogus');
    fails(1, /letters, digits, _ and -/, 'add', '-a', 'bad-id!');
    const app = `dup_${id()}`;
    ok('add', '-a', app);
    fails(1, /already exists/, 'add', '-a', app);
    fails(1, /SSO requires type: member|requires sso: true/, 'configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'oauth_auth_direct_access_flow');
    fails(1, /Environment must be draft or live/, 'configure', '-a', app, '--env', 'prod', '-t', 'team', '-k', 'basic');
    fails(1, /Unknown kind/, 'configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'nope');
    fails(1, /Role must be admin or member/, 'users', 'add', '--email', 'x@example.test', '--role', 'owner');
  });
});
