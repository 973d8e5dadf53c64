import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { importConnections } from '@/lib/import-export/import-connections';
import { handleRuntimeRequest } from '@/lib/runtime/fast-path';
import { cliEnvironment, temporaryDatabase, type TestDatabase } from '@/test/cli-runner';
import { seedUser } from '@/test/db-fixtures';
import { NO_CONNECTIONS } from './commands/list';
import { parseTables } from '@/test/list-output';

/**
 * Scripts written for `orchestrate connections` run unchanged against this CLI: the sequences of
 * the ADK's example READMEs and scripts run verbatim through bash (with `orchestrate connections`
 * mapped to this binary, and their `<placeholders>` filled in as a user would), and a tool that
 * reads Orchestrate's WXO_* variables runs under `connections exec`.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-cli-adk-'));
const bin = path.resolve(import.meta.dirname, '../../bin/connections.mjs');
/** A CLI process's environment on `db` (a SQLite file, or PostgreSQL on the PostgreSQL run), with this file's key. */
function envFor(db: TestDatabase, extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = cliEnvironment(db, { CONNECTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') });
  delete env.CONNECTIONS_URL;
  delete env.CONNECTIONS_API_KEY;
  return { ...env, ...extraEnv };
}
let provider: OAuthServer;

beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: 'http://localhost:3000/api/oauth/callback' });
});
afterAll(async () => {
  await provider?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const freshDb = (name: string) => temporaryDatabase(dir, name);

/** For a server in this process: spawnSync would block the event loop it answers on. */
function cliAsync(db: TestDatabase, args: string[], extraEnv: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: envFor(db, extraEnv) });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function cli(db: TestDatabase, args: string[], extraEnv: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [bin, ...args], { env: envFor(db, extraEnv), encoding: 'utf8', timeout: 240_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Runs a shell script in which `orchestrate connections …` is this CLI. */
function orchestrate(db: TestDatabase, script: string, extraEnv: Record<string, string> = {}) {
  const prelude = `set -e\norchestrate() { shift; node ${JSON.stringify(bin)} "$@"; }\n`;
  const run = spawnSync('bash', ['-c', prelude + script], { env: envFor(db, extraEnv), encoding: 'utf8', timeout: 600_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const publicValues = async (db: TestDatabase, appId: string) =>
  (await db.query<{ public_values: string }>('select c.public_values from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ?', appId)).map((r) => JSON.parse(r.public_values));

// A tool written for Orchestrate: reads its connections the way the ADK's helpers do (by the
// sanitized app id), and prints what it got.
const TOOL = `
import json, os, re

def sanitize(app_id):
    return re.sub(r"[^a-zA-Z0-9]+", "_", app_id)

def connection(app_id):
    sid = sanitize(app_id)
    scheme = os.environ["WXO_SECURITY_SCHEMA_" + sid]
    prefix = "WXO_CONNECTION_" + sid + "_"
    custom_prefix = "WXO_CONNECTION_CUSTOM_" + sid + "_"
    values = {k[len(prefix):]: v for k, v in os.environ.items() if k.startswith(prefix)}
    custom = {k[len(custom_prefix):]: v for k, v in os.environ.items() if k.startswith(custom_prefix)}
    return {"scheme": scheme, "values": values, "custom": custom}

print(json.dumps({app_id: connection(app_id) for app_id in os.environ["TOOL_APPS"].split(",")}, sort_keys=True))
`;

describe('scripts written for watsonx Orchestrate run unchanged (real binary, real shell)', { timeout: 900_000 }, () => {
  it('runs the ADK examples’ sequences verbatim, lists them as orchestrate does, and runs a tool with their variables', async () => {
    const db = await freshDb('readme');
    const toolFile = path.join(dir, 'tool.py');
    fs.writeFileSync(toolFile, TOOL);
    expect(cli(db, ['list'])).toEqual({ code: 0, out: `${NO_CONNECTIONS}\n`, err: '' });

    // examples/agent_builder/customer_care/readme.md (the instance URL and password filled in).
    const customerCare = [
      'orchestrate connections add -a service-now',
      'orchestrate connections configure -a service-now --env draft --type team --kind basic --url https://dev-4711.service-now.com',
      'orchestrate connections set-credentials -a service-now --env draft -u admin -p "s3cret pass"',
    ].join('\n');
    // examples/hotel_list_agent/import_all.sh, continuation lines and trailing backslash included.
    const hotelList = [
      'orchestrate connections add  --app-id wxai ',
      '',
      'orchestrate connections configure \\',
      '    --app-id wxai \\',
      '    --env draft \\',
      '    --type team \\',
      '    --kind key_value ',
      '',
      'orchestrate connections set-credentials \\',
      '    --app-id wxai \\',
      '    --env draft \\',
      '    -e space_id=$WXAI_SPACE_ID \\',
      '    -e apikey=$WXAI_API_KEY \\',
      '',
    ].join('\n');
    // examples/agent_builder/personal_banking/import-all.sh and examples/langflow/travel_advice/import-all.sh.
    const banking = [
      'orchestrate connections add --app-id personal_banking_app',
      'orchestrate connections configure -a personal_banking_app --env draft --kind key_value --type team',
      'NAMESPACE=${ASTRA_NAMESPACE:-default_keyspace}',
      'orchestrate connections set-credentials -a personal_banking_app --env draft -e ASTRA_TOKEN=$ASTRA_TOKEN -e ASTRA_URL=$ASTRA_URL -e ASTRA_NAMESPACE=$NAMESPACE',
      'orchestrate connections add --app-id city_news',
      'orchestrate connections configure -a city_news --env draft --kind key_value --type team',
      'orchestrate connections set-credentials -a city_news --env draft -e GROQ_API_KEY=$GROQ_API_KEY -e TAVILY_API_KEY=$TAVILY_API_KEY',
    ].join('\n');
    const secrets = { WXAI_SPACE_ID: 'space-123', WXAI_API_KEY: 'wxai-key-secret', ASTRA_TOKEN: 'AstraCS:token', ASTRA_URL: 'https://db.astra.example.com', GROQ_API_KEY: 'gsk_1', TAVILY_API_KEY: 'tvly-2' };
    for (const script of [customerCare, hotelList, banking]) {
      const run = orchestrate(db, script, secrets);
      expect(run.err, script).toBe('');
      expect(run.code, script).toBe(0);
    }
    expect(await db.contains('wxai-key-secret')).toBe(false);
    expect(await db.contains('wxai')).toBe(true); // the search itself finds what is stored

    // `list` as the ADK prints it: rich's heavy-head boxes, a rule between rows, cells and title
    // centred (rich puts the odd space on the right), ADK type names, ✅/❌ two columns wide.
    expect(cli(db, ['add', '-a', 'google-maps']).code).toBe(0);
    const listed = cli(db, ['list']);
    expect(listed.err).toBe('');
    expect(listed.out).toBe(
      [
        `${' '.repeat(24)}*Non-Configured`,
        '┏━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓',
        '┃   App ID    ┃ Auth Type ┃ Type ┃ Credentials Set/ Connected ┃',
        '┡━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩',
        '│ google-maps │    n/a    │ n/a  │             ❌             │',
        '└─────────────┴───────────┴──────┴────────────────────────────┘',
        `${' '.repeat(36)}Draft`,
        '┏━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓',
        '┃        App ID        ┃    Auth Type    ┃ Type ┃ Credentials Set/ Connected ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩',
        '│      city_news       │ key_value_creds │ team │             ✅             │',
        '├──────────────────────┼─────────────────┼──────┼────────────────────────────┤',
        '│ personal_banking_app │ key_value_creds │ team │             ✅             │',
        '├──────────────────────┼─────────────────┼──────┼────────────────────────────┤',
        '│     service-now      │   basic_auth    │ team │             ✅             │',
        '├──────────────────────┼─────────────────┼──────┼────────────────────────────┤',
        '│         wxai         │ key_value_creds │ team │             ✅             │',
        '└──────────────────────┴─────────────────┴──────┴────────────────────────────┘',
        '',
      ].join('\n'),
    );
    // With --environment the table of that environment is printed, even when empty; no other.
    expect(Object.keys(parseTables(cli(db, ['list', '--environment', 'live']).out))).toEqual(['Live']);
    const verbose = JSON.parse(cli(db, ['list', '-v']).out) as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(verbose)).toEqual(['non_configured', 'draft', 'live']);
    expect(verbose.non_configured).toEqual([{ app_id: 'google-maps', connection_id: expect.any(String), security_scheme: null, auth_type: null, preference: null, credentials_entered: false }]);
    expect(verbose.draft.find((e) => e.app_id === 'service-now')).toEqual({ app_id: 'service-now', connection_id: expect.any(String), security_scheme: 'basic_auth', auth_type: null, preference: 'team', credentials_entered: true });
    expect(verbose.live).toEqual([]);

    // An OAuth connection: the tool gets a fresh access token from the (real) provider.
    const client = provider.clients.basic;
    const oauth = orchestrate(
      db,
      [
        'orchestrate connections add -a hr-api',
        'orchestrate connections configure -a hr-api --environment draft -t team -k oauth_auth_client_credentials_flow -u https://hr.example.com -e region=eu',
        `orchestrate connections set-credentials -a hr-api --environment draft --client-id ${client.clientId} --client-secret ${client.clientSecret} --token-url ${provider.tokenUrl()} --scope api`,
      ].join('\n'),
    );
    expect(oauth.err).toBe('');

    // Async: the provider answers from this process, which spawnSync would block.
    const tool = await cliAsync(db, ['exec', '-a', 'service-now', '-a', 'wxai', '-a', 'hr-api', '--', 'python3', toolFile], { TOOL_APPS: 'service-now,wxai,hr-api' });
    expect(tool.err).toBe('');
    expect(tool.code).toBe(0);
    const seen = JSON.parse(tool.out);
    expect(seen['service-now']).toEqual({ scheme: 'basic_auth', values: { username: 'admin', password: 's3cret pass', url: 'https://dev-4711.service-now.com' }, custom: {} });
    expect(seen.wxai).toEqual({ scheme: 'key_value_creds', values: { space_id: 'space-123', apikey: 'wxai-key-secret' }, custom: {} });
    expect(seen['hr-api'].scheme).toBe('oauth2');
    expect(seen['hr-api'].custom).toEqual({ region: 'eu' });
    expect(seen['hr-api'].values.url).toBe('https://hr.example.com');
    expect(provider.tokenResponses.map((r) => r.access_token)).toContain(seen['hr-api'].values.access_token);

    // exec passes on the tool's exit code; env prints the same variables for eval.
    expect(cli(db, ['exec', '-a', 'wxai', '--', 'python3', '-c', 'import sys; sys.exit(7)']).code).toBe(7);
    const exported = cli(db, ['env', '-a', 'service-now']);
    expect(exported.out).toBe("export WXO_SECURITY_SCHEMA_service_now='basic_auth'\nexport WXO_CONNECTION_service_now_username='admin'\nexport WXO_CONNECTION_service_now_password='s3cret pass'\nexport WXO_CONNECTION_service_now_url='https://dev-4711.service-now.com'\n");
    const evaluated = spawnSync('bash', ['-c', `eval "$(node ${JSON.stringify(bin)} env -a service-now)"; printf %s "$WXO_CONNECTION_service_now_password"`], { env: envFor(db), encoding: 'utf8', timeout: 240_000 });
    expect(evaluated.stdout).toBe('s3cret pass');
    expect(cli(db, ['env', '-a', 'nope'])).toMatchObject({ code: 1, err: expect.stringMatching(/not found/) });

    // export -o x.zip: a real zip holding <stem>/<app_id>.yaml, several connections in one archive.
    const zip = path.join(dir, 'connections.zip');
    expect(cli(db, ['export', '-a', 'service-now', '-o', zip]).code).toBe(0);
    expect(cli(db, ['export', '-a', 'wxai', '-o', zip]).code).toBe(0);
    const entries = unzipSync(fs.readFileSync(zip));
    expect(Object.keys(entries).sort()).toEqual(['connections/service-now.yaml', 'connections/wxai.yaml']);
    expect(Buffer.from(entries['connections/service-now.yaml']).toString()).toContain('app_id: service-now');
    expect(Buffer.from(entries['connections/service-now.yaml']).toString()).not.toContain('s3cret');
    expect(cli(db, ['export', '-a', 'wxai', '-o', path.join(dir, 'x.txt')])).toMatchObject({ code: 2, err: expect.stringMatching(/\.zip, \.yaml or \.yml/) });
  });

  it('takes the --help examples and the ADK’s other spellings as written', async () => {
    const db = await freshDb('help');
    const ok = (...args: string[]) => {
      const run = cli(db, args);
      expect(run.err, args.join(' ')).toBe('');
      expect(run.code, args.join(' ')).toBe(0);
      return run.out;
    };
    // configure: --url/-u, -s, --config-entries "-e key1=value1 -e key2=value2", "key: value" headers.
    ok('add', '-a', 'obo-app');
    ok('configure', '-a', 'obo-app', '--environment', 'live', '-t', 'member', '-k', 'oauth_auth_on_behalf_of_flow', '-s', '-u', 'https://obo.example.com',
      '--idp-token-use', 'on_behalf_of', '--idp-token-type', 'urn:ietf:params:oauth:token-type:saml2',
      '--idp-token-header', 'content-type: application/x-www-form-urlencoded', '--idp-token-header', 'encoding:...',
      '--app-token-header', 'content-type: application/x-www-form-urlencoded', '-e', 'key1=value1', '-e', 'key2=value2');
    const [env] = await db.query<{ server_url: string; sso: number; idp_config: string; app_config: string; custom_config_entries: string }>("select e.* from environments e join connections k on k.id = e.connection_id where k.app_id = 'obo-app'");
    expect(env).toMatchObject({ server_url: 'https://obo.example.com', sso: 1 });
    expect(JSON.parse(env.idp_config)).toEqual({ header: { 'content-type': 'application/x-www-form-urlencoded', encoding: '...' }, body: { requested_token_use: 'on_behalf_of', requested_token_type: 'urn:ietf:params:oauth:token-type:saml2' } });
    expect(JSON.parse(env.app_config)).toEqual({ header: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(JSON.parse(env.custom_config_entries)).toEqual({ key1: 'value1', key2: 'value2' });

    // set-identity-provider -u and -t/--token-entries; set-credentials on the app side.
    ok('set-identity-provider', '-a', 'obo-app', '--environment', 'live', '-u', 'https://idp.example.com/token', '--client-id', 'idp-client', '--client-secret', 'idp-secret', '--scope', 'openid', '--grant-type', 'urn:ietf:params:oauth:grant-type:token-exchange', '-t', 'audience=api');
    ok('set-credentials', '-a', 'obo-app', '--environment', 'live', '--client-id', 'app-client', '--token-url', 'https://app.example.com/token', '--grant-type', 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect((await publicValues(db, 'obo-app'))[0]).toMatchObject({ idp_url: 'https://idp.example.com/token', idp_token_entries: [{ location: 'header', key: 'audience', value: 'api' }], client_id: 'app-client' });

    // set-credentials: --auth-url, "-t key1=value1 -t location:key2=value2" with a real location,
    // "--auth-entries key1=value1 --auth-entries location:key2=value2" likewise.
    ok('add', '-a', 'auth-code');
    ok('configure', '-a', 'auth-code', '--env', 'draft', '--type', 'team', '--kind', 'oauth_auth_code_flow');
    ok('set-credentials', '-a', 'auth-code', '--env', 'draft', '--client-id', 'c', '--client-secret', 's', '--auth-url', 'https://idp.example.com/authorize', '--token-url', 'https://idp.example.com/token',
      '--scope', 'openid offline_access', '-t', 'key1=value1', '-t', 'body:key2=value2', '--auth-entries', 'key1=value1', '--auth-entries', 'query:key2=value2');
    expect((await publicValues(db, 'auth-code'))[0]).toMatchObject({
      authorization_url: 'https://idp.example.com/authorize',
      scope: ['openid', 'offline_access'],
      token_entries: [{ location: 'header', key: 'key1', value: 'value1' }, { location: 'body', key: 'key2', value: 'value2' }],
      auth_entries: [{ location: 'query', key: 'key1', value: 'value1' }, { location: 'query', key: 'key2', value: 'value2' }],
    });
    // The help text's literal "location:" is not a location, for the ADK either: refused, naming the real ones.
    const literal = cli(db, ['set-credentials', '-a', 'auth-code', '--env', 'draft', '-t', 'key1=value1', '-t', 'location:key2=value2']);
    expect(literal).toMatchObject({ code: 1, err: expect.stringMatching(/Location must be header, body, query \(got "location"\)/) });
    expect(cli(db, ['set-credentials', '-a', 'auth-code', '--env', 'draft', '--auth-entries', 'body:k=v'])).toMatchObject({ code: 1, err: expect.stringMatching(/Location must be query/) });

    // set-credentials -e key1=value1 -e key2=value2 (key_value).
    ok('add', '-a', 'kv-app');
    ok('configure', '-a', 'kv-app', '--env', 'draft', '-t', 'team', '-k', 'kv');
    ok('set-credentials', '-a', 'kv-app', '--env', 'draft', '-e', 'key1=value1', '-e', 'key2=value2');

    // A flag the kind does not take is ignored with a warning, as the ADK does; the rest is set.
    ok('add', '-a', 'plain');
    ok('configure', '-a', 'plain', '--env', 'draft', '-t', 'team', '-k', 'basic');
    const mixed = cli(db, ['set-credentials', '-a', 'plain', '--env', 'draft', '-u', 'svc', '-p', 'pw', '--token', 'stray', '--scope', 'x']);
    expect(mixed.code).toBe(0);
    expect(mixed.err).toBe('connections set-credentials: warning: --token is not used by basic connections; ignored.\nconnections set-credentials: warning: --scope is not used by basic connections; ignored.\n');
    expect(await publicValues(db, 'plain')).toEqual([{ username: 'svc' }]);
    expect(cli(db, ['set-credentials', '-a', 'plain', '--env', 'draft', '--token', 'stray'])).toMatchObject({ code: 2, err: expect.stringMatching(/Give at least one credential flag; basic takes: --username, --password/) });

    // The help is generated from the kind registry: every field's flag, its short form and aliases.
    const help = ok('set-credentials', '--help');
    for (const line of ['-u, --username', '-p, --password', '-k, --api-key', '-e, --entries', '-t, --token-entries', '--authorization-url, --auth-url', '--env, --environment']) expect(help).toContain(line);
    expect(ok('set-identity-provider', '--help')).toContain('-t, --token-entries');
    expect(ok('configure', '--help')).toContain('-u, --server-url, --url');
    expect(ok('configure', '--help')).toContain('-e, --config-entries, --entries');
  });

  it('reads the variables from a remote console’s runtime-credentials API (CONNECTIONS_URL, CONNECTIONS_API_KEY)', async () => {
    // The console side: this process's database behind the runtime route handler, on a real port.
    const admin = await seedUser('admin');
    await importConnections(admin, 'spec_version: v1\nkind: connection\napp_id: remote-crm\nenvironments:\n  live:\n    kind: api_key\n    type: team\n    server_url: https://crm.example.com\n    custom_config_entries: { tenant: acme }\n');
    const parsed = parseCredentialsInput('api_key', { api_key: 'remote-api-key-value' });
    if (!parsed.success) throw new Error('fixture');
    await setCredentials(admin, 'remote-crm', 'live', parsed.data);
    const { key } = await createApiKey(admin, { name: 'tools' });
    const server = http.createServer((req, res) => {
      if (!handleRuntimeRequest(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // The CLI's own database is empty: everything comes over HTTP.
      const db = await freshDb('remote');
      const run = (...args: string[]) => cliAsync(db, args, { CONNECTIONS_URL: url, CONNECTIONS_API_KEY: key });
      const printed = await run('env', '-a', 'remote-crm', '--environment', 'live');
      expect(printed.err).toBe('');
      expect(printed.out).toBe("export WXO_SECURITY_SCHEMA_remote_crm='api_key_auth'\nexport WXO_CONNECTION_remote_crm_api_key='remote-api-key-value'\nexport WXO_CONNECTION_remote_crm_url='https://crm.example.com'\nexport WXO_CONNECTION_CUSTOM_remote_crm_tenant='acme'\n");
      expect(await run('env', '-a', 'remote-crm')).toMatchObject({ code: 1, err: expect.stringMatching(/answered 404: The draft environment of "remote-crm"/) });
      const wrongKey = await cliAsync(db, ['env', '-a', 'remote-crm', '--env', 'live'], { CONNECTIONS_URL: url, CONNECTIONS_API_KEY: 'cm_wrong' });
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.err).toMatch(/answered 401/);
      expect(wrongKey.err).not.toContain('remote-api-key-value');
    } finally {
      server.close();
    }
  });
});
