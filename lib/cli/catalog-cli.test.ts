import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { temporaryCli } from '@/test/cli-runner';

// The real binary on its own temporary database.
const { db, cli } = await temporaryCli('catalog', 7);

// Each case spawns the binary several times: generous timeouts, never a speed assertion.
describe('connections catalog / add --template', { timeout: 180_000 }, () => {
  it('lists and searches templates, and prints one as a connection file', () => {
    const all = cli('catalog');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/Templates \((6\d|[7-9]\d)\)/);
    const git = cli('catalog', '--search', 'gitlab');
    expect(git.out).toContain('gitlab');
    expect(git.out).not.toContain('salesforce');
    const exported = cli('catalog', '--export', 'servicenow');
    expect(parse(exported.out)).toMatchObject({ kind: 'connection', app_id: 'servicenow' });
    expect(exported.out).toContain('set-credentials -a servicenow');
  });

  it('adds a connection from a template with a parameter and the client registration', async () => {
    const added = cli('add', '--template', 'zendesk', '-a', 'support_desk', '-p', 'subdomain=acme', '--client-id', 'zd-client', '--client-secret', 'zd-secret');
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const [env] = await db.query<Record<string, string>>("select e.kind, e.type, e.server_url, e.auth_settings from environments e join connections c on c.id = e.connection_id where c.app_id = 'support_desk'");
    expect(env).toMatchObject({ kind: 'oauth_auth_code_flow', type: 'member', server_url: 'https://{subdomain}.zendesk.com/api/v2' });
    expect(JSON.parse(env.auth_settings).config_values[0]).toMatchObject({ key: 'subdomain', value: 'acme' });
    const [cred] = await db.query<{ public_values: string }>("select public_values from credentials where owner_key = 'team'");
    expect(JSON.parse(cred.public_values)).toMatchObject({ client_id: 'zd-client', token_url: 'https://{subdomain}.zendesk.com/oauth/tokens' });
    const listed = cli('list');
    expect(listed.out).toContain('support_desk');
  });

  it('refuses a bad parameter or unknown template with one line and writes nothing', () => {
    const bad = cli('add', '--template', 'zendesk', '-a', 'bad_desk', '-p', 'subdomain=Not A Host');
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/subdomain/);
    const stray = cli('add', '-a', 'plain_app', '-p', 'subdomain=acme');
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/--parameter goes with --template/);
    const unknown = cli('add', '--template', 'nope');
    expect(unknown.code).not.toBe(0);
    expect(cli('list').out).not.toContain('bad_desk');
  });
});
