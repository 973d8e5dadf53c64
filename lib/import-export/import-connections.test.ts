import crypto from 'node:crypto';
import { count, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '@/lib/auth/actor';
import { getConnection, toConnectionDocument } from '@/lib/connections/get-connection';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { IMPLICIT_FLOW_MESSAGE } from '@/lib/connections/kinds';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { getDb } from '@/lib/db/client';
import { auditEvents, connections } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { seedUser } from '@/test/db-fixtures';
import { documentsToYaml, exportConnectionYaml } from './export-connection';
import { importConnections } from './import-connections';
import { EXAMPLE_PREFIXES, orchestrateExamples } from '@/test/orchestrate-examples';
import { planImport } from './plan-import';

const suffix = () => crypto.randomUUID().replace(/-/g, '').slice(0, 8);

async function connectionsLike(id: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(connections).where(like(connections.appId, `%${id}`));
  return row.n;
}

async function importError(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the import to fail');
}

describe('importConnections', () => {
  it('accepts orchestrate files of every kind, with aliases and sso, and plans before writing', async () => {
    const admin = await seedUser('admin');
    const id = suffix();
    const text = orchestrateExamples(id);
    const plan = await planImport(text);
    expect(plan.steps.map((s) => s.app_id)).toEqual(EXAMPLE_PREFIXES.map((p) => `${p}_${id}`));
    expect(plan.created).toBe(EXAMPLE_PREFIXES.length);
    expect(await connectionsLike(id)).toBe(0);

    await importConnections(admin, text);
    expect(await connectionsLike(id)).toBe(EXAMPLE_PREFIXES.length);
    const kv = toConnectionDocument(await getConnection(`kv_${id}`));
    expect(kv.environments.draft?.kind).toBe('key_value');
    const exchange = toConnectionDocument(await getConnection(`exchange_${id}`));
    expect(exchange.environments.draft).toMatchObject({ kind: 'oauth_auth_token_exchange_flow', type: 'member', sso: true });
    const obo = toConnectionDocument(await getConnection(`obo_${id}`));
    expect(obo.environments.draft?.idp_config?.body.requested_token_use).toBe('on_behalf_of');
    expect(obo.environments.draft?.app_config?.header['content-type']).toBe('application/x-www-form-urlencoded');
    expect(toConnectionDocument(await getConnection(`bearer_${id}`)).resource).toEqual({ component: 'knowledge', category: 'milvus' });
    expect((await getDb().select({ n: count() }).from(auditEvents).where(like(auditEvents.target, `%${id}`)))[0].n).toBe(EXAMPLE_PREFIXES.length);
    expect(await planImport(text)).toMatchObject({ created: 0, updated: EXAMPLE_PREFIXES.length });
  });

  it('accepts the implicit flow with a deprecation warning in the plan and the result', async () => {
    const id = suffix();
    const text = `spec_version: v1\nkind: connection\napp_id: legacy_${id}\nenvironments:\n  live:\n    kind: oauth_auth_implicit_flow\n    type: team\n---\nspec_version: v1\nkind: connection\napp_id: fine_${id}\nenvironments:\n  draft: { kind: bearer, type: team }\n`;
    const warning = `"legacy_${id}" live (oauth_auth_implicit_flow): ${IMPLICIT_FLOW_MESSAGE}`;
    expect((await planImport(text)).warnings).toEqual([warning]);
    expect((await importConnections(await seedUser('admin'), text)).warnings).toEqual([warning]);
    expect((await planImport(`spec_version: v1\nkind: connection\napp_id: fine_${id}\nenvironments:\n  draft: { kind: bearer, type: team }\n`)).warnings).toEqual([]);
    expect(IMPLICIT_FLOW_MESSAGE).toMatch(/RFC 9700.*PKCE/);
  });

  it('round trips: import, export, import again gives the same configuration', async () => {
    const admin = await seedUser('admin');
    const id = suffix();
    const text = orchestrateExamples(id).replace(
      '    custom_config_entries:\n      region: eu\n',
      `    custom_config_entries:\n      region: eu\n    auth:\n      scopes:\n        delimiter: comma\n        items:\n          - { name: openid, required: true }\n          - { name: offline_access }\n        allow_customize: true\n      parameters:\n        - { key: tenant, label: Tenant ID, type: text }\n      config_values:\n        - { key: api_version, label: API version, type: text, value: "2024-01" }\n        - { key: signing, label: Signing key, type: password, value: cfg-secret-${id} }\n`,
    );
    await importConnections(admin, text);
    const appIds = EXAMPLE_PREFIXES.map((p) => `${p}_${id}`);
    const before = await Promise.all(appIds.map(async (a) => toConnectionDocument(await getConnection(a))));
    const exported = (await Promise.all(appIds.map((a) => exportConnectionYaml(a)))).join('---\n');
    expect(exported).not.toContain(`cfg-secret-${id}`);
    expect(exported).toContain('api_version');

    await importConnections(admin, exported);
    const after = await Promise.all(appIds.map(async (a) => toConnectionDocument(await getConnection(a))));
    expect(after).toEqual(before);
    expect(documentsToYaml(after)).toBe(exported);
  });

  it('never exports a secret set as credentials', async () => {
    const admin = await seedUser('admin');
    const id = suffix();
    await importConnections(admin, orchestrateExamples(id));
    const canary = `canary-${id}-pw`;
    const parsed = parseCredentialsInput('basic', { username: 'svc', password: canary });
    if (!parsed.success) throw new Error('bad fixture');
    await setCredentials(admin, `basic_${id}`, 'draft', parsed.data);
    expect(await exportConnectionYaml(`basic_${id}`)).not.toContain(canary);
  });

  it.each([
    ['malformed YAML', 'spec_version: v1\nkind: connection\napp_id: [unclosed\n', /Not valid YAML/, 4],
    ['an unknown kind', 'spec_version: v1\nkind: connection\napp_id: ok_{id}\nenvironments:\n  draft:\n    kind: telepathy\n    type: team\n', /Unknown kind "telepathy"/, 6],
    ['a bad app id', 'spec_version: v1\nkind: connection\napp_id: "not valid!"\nenvironments:\n  draft: { kind: basic, type: team }\n', /letters, digits, _ and -/, 3],
    ['a duplicate key', 'kind: connection\napp_id: a_{id}\napp_id: b_{id}\n', /Duplicate key/, 3],
    ['a misspelled key (not dropped)', 'spec_version: v1\nkind: connection\napp_id: ok_{id}\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    typ: member\n', /Unknown field "typ": did you mean "type"\?/, 8],
    ['an unknown environment', 'spec_version: v1\nkind: connection\napp_id: ok_{id}\nenvironments:\n  staging:\n    kind: basic\n', /Unknown field "staging"/, 5],
    ['an unknown key in auth settings', 'spec_version: v1\nkind: connection\napp_id: ok_{id}\nenvironments:\n  draft:\n    kind: oauth_auth_code_flow\n    type: team\n    auth_settings:\n      scopes:\n        delimter: comma\n', /Unknown field "delimter": did you mean "delimiter"\?/, 10],
    ['a file without spec_version', 'kind: connection\napp_id: ok_{id}\nenvironments:\n  draft: { kind: basic, type: team }\n', /No 'spec_version' found/, 1],
    ['an environment without type', 'spec_version: v1\nkind: connection\napp_id: ok_{id}\nenvironments:\n  draft:\n    kind: basic\n', /type is required/, 5],
    ['a file without environments', 'spec_version: v1\nkind: connection\napp_id: ok_{id}\n', /No 'environments' found/, 1],
  ])('refuses %s with the document, field and line, writing nothing', async (_name, body, message, line) => {
    const admin = await seedUser('admin');
    const id = suffix();
    const text = `${orchestrateExamples(id)}---\n${body.replaceAll('{id}', id)}`;
    const error = await importError(() => importConnections(admin, text));
    expect(error.code).toBe('bad_input');
    const issues = error.extra?.issues as Array<{ document: number; line: number; message: string; path: string }>;
    expect(issues).toHaveLength(1);
    expect(issues[0].document).toBe(EXAMPLE_PREFIXES.length);
    expect(issues[0].message).toMatch(message);
    const firstLineOfBody = orchestrateExamples(id).split('\n').length + 1;
    expect(issues[0].line).toBe(firstLineOfBody + line - 1);
    expect(await connectionsLike(id)).toBe(0);
  });

  it('refuses a duplicate app id within one file, naming both documents', async () => {
    const admin = await seedUser('admin');
    const id = suffix();
    const text = [`dup_${id}`, `other_${id}`, `dup_${id}`].map((a) => `spec_version: v1\nkind: connection\napp_id: ${a}\nenvironments:\n  draft: { kind: bearer, type: team }\n`).join('---\n');
    const error = await importError(() => importConnections(admin, text));
    expect(error.fields).toEqual({ 'documents.2.app_id': 'Line 15: Duplicate app ID "dup_' + id + '": document 1 already defines it.' });
    expect(await connectionsLike(id)).toBe(0);
  });

  it('is all or nothing when a write fails half way (credentials would be removed without confirmation)', async () => {
    const admin = await seedUser('admin');
    const id = suffix();
    await importConnections(admin, orchestrateExamples(id));
    const parsed = parseCredentialsInput('bearer', { token: 'tok' });
    if (!parsed.success) throw new Error('bad fixture');
    await setCredentials(admin, `bearer_${id}`, 'draft', parsed.data);
    const text = `spec_version: v1\nkind: connection\napp_id: fresh_${id}\nenvironments:\n  draft: { kind: bearer, type: team }\n---\nspec_version: v1\nkind: connection\napp_id: bearer_${id}\nenvironments:\n  draft: { kind: api_key, type: team }\n`;
    expect(await planImport(text)).toMatchObject({ created: 1, updated: 1, credentials_removed: 1 });
    const error = await importError(() => importConnections(admin, text));
    expect(error.code).toBe('conflict');
    expect(await connectionsLike(`fresh_${id}`)).toBe(0);
    expect(toConnectionDocument(await getConnection(`bearer_${id}`)).environments.draft?.kind).toBe('bearer');

    await importConnections(admin, text, { confirmCredentialRemoval: true });
    expect(toConnectionDocument(await getConnection(`bearer_${id}`)).environments.draft?.kind).toBe('api_key');
  });

  it('accepts JSON: one document or a list of them', async () => {
    const id = suffix();
    const one = JSON.stringify({ spec_version: 'v1', kind: 'connection', app_id: `json_${id}`, environments: { draft: { kind: 'bearer', type: 'team' } } });
    await importConnections(CLI_ACTOR, one);
    const list = JSON.stringify([1, 2].map((n) => ({ spec_version: 'v1', kind: 'connection', app_id: `jsonlist${n}_${id}`, environments: { live: { kind: 'kv', type: 'team' } } })));
    expect((await importConnections(CLI_ACTOR, list)).created).toBe(2);
    expect(await connectionsLike(id)).toBe(3);
  });

  it('refuses members', async () => {
    const member = await seedUser('member');
    expect((await importError(() => importConnections(member, orchestrateExamples(suffix())))).code).toBe('forbidden');
  });
});
