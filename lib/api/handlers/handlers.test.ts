import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { IMPLICIT_FLOW_MESSAGE } from '@/lib/connections/kinds';
import { getDb } from '@/lib/db/client';
import { connections, credentials, environments } from '@/lib/db/schema';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { errorResponse, type ApiResponse } from '../api-response';
import type { ApiRequest } from '../api-request';
import { errorSchema, importPlanSchema, writtenConnectionSchema } from '../response-schemas';
import type { ApiHandler } from '../run-api';
import { createConnectionHandler, getConnectionHandler, listConnectionsHandler, replaceConnectionHandler } from './connections';
import { putCredentialsHandler } from './credentials';
import { exportHandler, importHandler } from './import-export';

/** Runs a handler as the route would (errors mapped to the SPEC §6 shape), on the real test database. */
async function call<P>(handler: ApiHandler<P>, actor: Actor, method: string, path: string, params: P, body?: unknown) {
  const request: ApiRequest = {
    method,
    url: new URL(`http://localhost${path}`),
    header: () => undefined,
    readBody: async () => (body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)),
  };
  let response: ApiResponse;
  try {
    response = await handler({ actor, request, params });
  } catch (e) {
    response = errorResponse(e);
  }
  return { status: response.status, json: JSON.parse(response.body) as Record<string, unknown> & { error?: { code: string; message: string; fields: Record<string, string> } } };
}

const implicitWarning = (appId: string, env: string) => `"${appId}" ${env} (oauth_auth_implicit_flow): ${IMPLICIT_FLOW_MESSAGE}`;

describe('API handlers', () => {
  it('gives members the configuration without the config values a builder kept hidden; admins get all', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = uniqueAppId('hidden');
    const auth = {
      config_values: [
        { key: 'region', label: 'Region', value: 'eu-visible', visible: true },
        { key: 'internal', label: 'Internal', value: 'kept-from-members', visible: false },
      ],
    };
    await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: appId, environments: { draft: { kind: 'bearer', type: 'team', auth } } });
    const forMember = await call(getConnectionHandler, member, 'GET', `/api/v1/connections/${appId}`, { appId });
    expect(JSON.stringify(forMember.json)).toContain('eu-visible');
    expect(JSON.stringify(forMember.json)).not.toContain('kept-from-members');
    const exported = await exportHandler({ actor: member, params: { appId }, request: { method: 'GET', url: new URL(`http://localhost/api/v1/connections/${appId}/export`), header: () => undefined, readBody: async () => '' } });
    expect(exported.body).toContain('eu-visible');
    expect(exported.body).not.toContain('kept-from-members');
    expect(JSON.stringify((await call(getConnectionHandler, admin, 'GET', `/api/v1/connections/${appId}`, { appId })).json)).toContain('kept-from-members');
  });

  it('accepts the implicit flow on create, replace and import with a deprecation warning', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('implicit');
    const created = await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: appId, environments: { draft: { kind: 'oauth_auth_implicit_flow', type: 'team' } } });
    expect(created.status).toBe(201);
    expect(writtenConnectionSchema.parse(created.json).warnings).toEqual([implicitWarning(appId, 'draft')]);

    const replaced = await call(replaceConnectionHandler, admin, 'PUT', `/api/v1/connections/${appId}`, { appId }, { environments: { live: { kind: 'oauth_auth_implicit_flow' } } });
    expect(replaced.status).toBe(200);
    expect(replaced.json.warnings).toEqual([implicitWarning(appId, 'live')]);
    const plain = await call(replaceConnectionHandler, admin, 'PUT', `/api/v1/connections/${appId}`, { appId }, { environments: { live: { kind: 'bearer' } } });
    expect(plain.status).toBe(200);
    expect('warnings' in plain.json).toBe(false);

    const other = uniqueAppId('implicit');
    const yaml = `spec_version: v1\nkind: connection\napp_id: ${other}\nenvironments:\n  draft:\n    kind: oauth_auth_implicit_flow\n    type: team\n`;
    const dryRun = await call(importHandler, admin, 'POST', '/api/v1/import?dry_run=true', {}, yaml);
    expect(importPlanSchema.parse(dryRun.json).warnings).toEqual([implicitWarning(other, 'draft')]);
    const imported = await call(importHandler, admin, 'POST', '/api/v1/import', {}, yaml);
    expect(importPlanSchema.parse(imported.json)).toMatchObject({ dry_run: false, created: 1, warnings: [implicitWarning(other, 'draft')] });

    // Credentials of a kind that never runs: the deprecation, not an unrelated field error.
    const credentials = await call(putCredentialsHandler, admin, 'PUT', `/api/v1/connections/${other}/draft/credentials`, { appId: other, env: 'draft' }, { client_id: 'x' });
    expect(credentials.status).toBe(400);
    expect(credentials.json.error?.message).toBe(IMPLICIT_FLOW_MESSAGE);
  });

  it('refuses a misspelled key with its path instead of dropping it; an unknown key is a warning and is not stored', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    const typo = await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: appId, environments: { draft: { kind: 'basic', typ: 'member' } } });
    expect(typo.status).toBe(400);
    expect(errorSchema.parse(typo.json).error.fields).toEqual({ 'environments.draft.typ': 'Unknown field "typ": did you mean "type"?' });
    const extra = await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: appId, description: 'CRM', environments: { draft: { security_scheme: 'basic_auth', preference: 'member', headers: { a: 'b' } } } });
    expect(extra.status).toBe(201);
    expect(extra.json.warnings).toEqual(['description: Unknown field "description" is ignored.', 'environments.draft.headers: Unknown field "headers" is ignored.']);
    expect((extra.json.environments as { draft: unknown }).draft).toEqual({ kind: 'basic', type: 'member', sso: false });
    const stored = await getDb().select().from(environments).innerJoin(connections, eq(connections.id, environments.connectionId)).where(eq(connections.appId, appId));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('headers');
  });

  it('names an unknown credential field under its own key and writes nothing', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('unknown');
    await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } });
    const put = await call(putCredentialsHandler, admin, 'PUT', `/api/v1/connections/${appId}/draft/credentials`, { appId, env: 'draft' }, { token: 't', tokne: 't' });
    expect(put.status).toBe(400);
    expect(errorSchema.parse(put.json).error.fields).toEqual({ tokne: 'Unknown field "tokne".' });
    const [stored] = await getDb()
      .select({ n: count() })
      .from(credentials)
      .innerJoin(environments, eq(environments.id, credentials.environmentId))
      .innerJoin(connections, eq(connections.id, environments.connectionId))
      .where(eq(connections.appId, appId));
    expect(stored.n).toBe(0);
  });

  it('accepts kind aliases in a credentials body, and refuses another kind', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const kv = uniqueAppId('kv');
    const exchange = uniqueAppId('tx');
    await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: kv, environments: { draft: { kind: 'kv', type: 'team' } } });
    await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: exchange, environments: { draft: { kind: 'oauth_auth_token_exchange_flow', type: 'member', sso: true } } });
    const put = (actor: Actor, appId: string, body: unknown) => call(putCredentialsHandler, actor, 'PUT', `/api/v1/connections/${appId}/draft/credentials`, { appId, env: 'draft' }, body);

    expect((await put(admin, kv, { kind: 'kv', entries: { a: '1' } })).status).toBe(200);
    expect((await put(admin, kv, { kind: 'key_value', entries: { a: '2' } })).status).toBe(200);
    const registration = { kind: 'oauth_auth_token_exchange', client_id: 'c', token_url: 'https://idp.example.com/token' };
    expect(await put(admin, exchange, registration)).toMatchObject({ status: 200, json: { owners: ['team'] } });
    const wrong = await put(admin, kv, { kind: 'bearer', token: 't' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error?.fields).toEqual({ kind: 'Expected key_value (or leave it out).' });
    expect((await put(member, kv, { kind: 'kv', entries: { a: '3' } })).status).toBe(403);
  });

  it('answers 400 with fields.cursor for a cursor it never handed out', async () => {
    const admin = await seedUser('admin');
    for (const cursor of ['%%%', 'not base64!', 'LWZvbyBiYXI', 'Zm9v=']) {
      const page = await call(listConnectionsHandler, admin, 'GET', `/api/v1/connections?cursor=${encodeURIComponent(cursor)}`, {});
      expect(page.status, cursor).toBe(400);
      expect(errorSchema.parse(page.json).error.fields.cursor).toMatch(/cursor is not valid/);
    }
    const prefix = uniqueAppId('page');
    for (const n of [1, 2, 3]) await call(createConnectionHandler, admin, 'POST', '/api/v1/connections', {}, { app_id: `${prefix}_${n}` });
    const first = await call(listConnectionsHandler, admin, 'GET', `/api/v1/connections?q=${prefix}&limit=2`, {});
    const next = first.json.next_cursor as string;
    expect(next).toBeTruthy();
    const second = await call(listConnectionsHandler, admin, 'GET', `/api/v1/connections?q=${prefix}&limit=2&cursor=${next}`, {});
    expect(second.status).toBe(200);
    expect((second.json.items as Array<{ app_id: string }>).map((i) => i.app_id)).toEqual([`${prefix}_3`]);
    expect((await call(listConnectionsHandler, admin, 'GET', `/api/v1/connections?q=${prefix}&cursor=`, {})).status).toBe(200);
  });
});
