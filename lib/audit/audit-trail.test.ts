import { describe, expect, it } from 'vitest';
import { connectionSchema, environmentConfigSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { configureEnvironment, createConnection, deleteConnection, replaceConnection } from '@/lib/connections/save-connection';
import { clearCredentials, setCredentials } from '@/lib/credentials/set-credentials';
import { getSqlite } from '@/lib/db/client';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { createUser, removeUser, setUserRole } from '@/lib/users/users';
import { listAuditEvents, listAuditPage } from './list-audit-events';

const doc = (appId: string, kind = 'basic') => connectionSchema.parse({ app_id: appId, environments: { draft: { kind, type: 'team' } } });
const creds = (body: unknown) => {
  const parsed = parseCredentialsInput('basic', body);
  if (!parsed.success) throw new Error('bad input');
  return parsed.data;
};

describe('audit trail', () => {
  it('records every change to connections, credentials and users, never a value', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('audit');
    const canary = `canary-${crypto.randomUUID()}`;
    createConnection(admin, doc(appId));
    replaceConnection(admin, appId, doc(appId));
    configureEnvironment(admin, appId, 'live', environmentConfigSchema.parse({ kind: 'bearer', type: 'team' }));
    setCredentials(admin, appId, 'draft', creds({ username: 'svc', password: canary }));
    clearCredentials(admin, appId, 'draft', 'team');
    const user = await createUser(admin, { email: `audited-${Date.now()}@example.test`, name: undefined, role: 'member', password: canary });
    setUserRole(admin, user.id, 'admin');
    removeUser(admin, user.id);
    deleteConnection(admin, appId);

    const forApp = listAuditEvents({ target: appId }).map((e) => e.action).reverse();
    expect(forApp).toEqual(['connection.create', 'connection.update', 'environment.configure', 'credentials.set', 'credentials.clear', 'connection.delete']);
    const forUser = listAuditEvents({ target: user.email }).map((e) => e.action).reverse();
    expect(forUser).toEqual(['user.create', 'user.role', 'user.remove']);
    for (const e of listAuditEvents({ search: admin.email, limit: 200 })) expect(e.actorId).toBe(admin.id);
    // The secret went through the password and credential fields: no event carries it.
    const rows = getSqlite().prepare('select * from audit_events').all();
    expect(JSON.stringify(rows)).not.toContain(canary);
    expect(listAuditEvents({ target: appId, action: 'credentials.set' })[0].detail).toEqual({ owner: 'team', fields: ['password', 'username'] });
  });

  it('records a refused admin action as denied, even though its transaction rolled back', async () => {
    const member = await seedUser('member');
    const appId = uniqueAppId('denied');
    expect(() => createConnection(member, doc(appId))).toThrow(/Only admins/);
    await Promise.resolve();
    const [event] = listAuditEvents({ outcome: 'denied', search: member.email });
    expect(event).toMatchObject({ actorId: member.id, action: 'authorization.denied', outcome: 'denied' });
    expect(event.detail).toEqual({ reason: 'Only admins can create connections.' });
  });

  it('records ownership refusals as denied too (team credentials set by a member)', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = uniqueAppId('owned');
    createConnection(admin, doc(appId));
    expect(() => setCredentials(member, appId, 'draft', creds({ username: 'svc', password: 'pw' }))).toThrow(/set by admins/);
    expect(() => clearCredentials(member, appId, 'draft', 'team')).toThrow(/cleared by admins/);
    await Promise.resolve();
    const reasons = listAuditEvents({ outcome: 'denied', search: member.email }).map((e) => e.detail);
    expect(reasons).toEqual([{ reason: 'Team credentials are cleared by admins.' }, { reason: 'Team credentials are set by admins.' }]);
  });

  it('pages with a cursor and filters by text, action and outcome', () => {
    const admin = await seedUser('admin');
    const prefix = uniqueAppId('page');
    for (let i = 0; i < 5; i++) createConnection(admin, doc(`${prefix}_${i}`));
    const first = listAuditPage({ search: prefix, limit: 2 });
    expect(first.events.map((e) => e.target)).toEqual([`${prefix}_4`, `${prefix}_3`]);
    const second = listAuditPage({ search: prefix, limit: 2, before: first.nextCursor! });
    expect(second.events.map((e) => e.target)).toEqual([`${prefix}_2`, `${prefix}_1`]);
    const last = listAuditPage({ search: prefix, limit: 2, before: second.nextCursor! });
    expect(last).toMatchObject({ nextCursor: null });
    expect(last.events.map((e) => e.target)).toEqual([`${prefix}_0`]);
    expect(listAuditPage({ search: prefix, action: 'connection.delete' }).events).toEqual([]);
    expect(listAuditPage({ search: prefix, outcome: 'success' }).events).toHaveLength(5);
  });
});
