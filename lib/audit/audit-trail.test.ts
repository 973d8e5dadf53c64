import { describe, expect, it, vi } from 'vitest';
import { connectionSchema, environmentConfigSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { configureEnvironment, createConnection, deleteConnection, replaceConnection } from '@/lib/connections/save-connection';
import { clearCredentials, setCredentials } from '@/lib/credentials/set-credentials';
import { getDb } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { createUser, removeUser, setUserRole } from '@/lib/users/users';
import { listAuditEvents, listAuditPage } from './list-audit-events';

const doc = (appId: string, kind = 'basic') => connectionSchema.parse({ app_id: appId, environments: { draft: { kind, type: 'team' } } });
const creds = (body: unknown) => {
  const parsed = parseCredentialsInput('basic', body);
  if (!parsed.success) throw new Error('bad input');
  return parsed.data;
};

/** A refusal is recorded in its own transaction, without holding up the refusal: wait until `count` are there. */
const deniedEvents = (email: string, count: number) =>
  vi.waitFor(async () => {
    const events = await listAuditEvents({ outcome: 'denied', search: email });
    expect(events).toHaveLength(count);
    return events;
  });

describe('audit trail', () => {
  it('records every change to connections, credentials and users, never a value', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('audit');
    const canary = `canary-${crypto.randomUUID()}`;
    await createConnection(admin, doc(appId));
    await replaceConnection(admin, appId, doc(appId));
    await configureEnvironment(admin, appId, 'live', environmentConfigSchema.parse({ kind: 'bearer', type: 'team' }));
    await setCredentials(admin, appId, 'draft', creds({ username: 'svc', password: canary }));
    await clearCredentials(admin, appId, 'draft', 'team');
    const user = await createUser(admin, { email: `audited-${Date.now()}@example.test`, name: undefined, role: 'member', password: canary });
    await setUserRole(admin, user.id, 'admin');
    await removeUser(admin, user.id);
    await deleteConnection(admin, appId);

    const forApp = (await listAuditEvents({ target: appId })).map((e) => e.action).reverse();
    expect(forApp).toEqual(['connection.create', 'connection.update', 'environment.configure', 'credentials.set', 'credentials.clear', 'connection.delete']);
    const forUser = (await listAuditEvents({ target: user.email })).map((e) => e.action).reverse();
    expect(forUser).toEqual(['user.create', 'user.role', 'user.remove']);
    for (const e of await listAuditEvents({ search: admin.email, limit: 200 })) expect(e.actorId).toBe(admin.id);
    // The secret went through the password and credential fields: no event carries it.
    const rows = await getDb().select().from(auditEvents);
    expect(JSON.stringify(rows)).not.toContain(canary);
    expect((await listAuditEvents({ target: appId, action: 'credentials.set' }))[0].detail).toEqual({ owner: 'team', fields: ['password', 'username'] });
  });

  it('records a refused admin action as denied, even though its transaction rolled back', async () => {
    const member = await seedUser('member');
    const appId = uniqueAppId('denied');
    await expect(createConnection(member, doc(appId))).rejects.toThrow(/Only admins/);
    const [event] = await deniedEvents(member.email, 1);
    expect(event).toMatchObject({ actorId: member.id, action: 'authorization.denied', outcome: 'denied' });
    expect(event.detail).toEqual({ reason: 'Only admins can create connections.' });
  });

  it('records ownership refusals as denied too (team credentials set by a member)', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = uniqueAppId('owned');
    await createConnection(admin, doc(appId));
    await expect(setCredentials(member, appId, 'draft', creds({ username: 'svc', password: 'pw' }))).rejects.toThrow(/set by admins/);
    await deniedEvents(member.email, 1);
    await expect(clearCredentials(member, appId, 'draft', 'team')).rejects.toThrow(/cleared by admins/);
    const reasons = (await deniedEvents(member.email, 2)).map((e) => e.detail);
    expect(reasons).toEqual([{ reason: 'Team credentials are cleared by admins.' }, { reason: 'Team credentials are set by admins.' }]);
  });

  it('pages with a cursor and filters by text, action and outcome', async () => {
    const admin = await seedUser('admin');
    const prefix = uniqueAppId('page');
    for (let i = 0; i < 5; i++) await createConnection(admin, doc(`${prefix}_${i}`));
    const first = await listAuditPage({ search: prefix, limit: 2 });
    expect(first.events.map((e) => e.target)).toEqual([`${prefix}_4`, `${prefix}_3`]);
    const second = await listAuditPage({ search: prefix, limit: 2, before: first.nextCursor! });
    expect(second.events.map((e) => e.target)).toEqual([`${prefix}_2`, `${prefix}_1`]);
    const last = await listAuditPage({ search: prefix, limit: 2, before: second.nextCursor! });
    expect(last).toMatchObject({ nextCursor: null });
    expect(last.events.map((e) => e.target)).toEqual([`${prefix}_0`]);
    expect((await listAuditPage({ search: prefix, action: 'connection.delete' })).events).toEqual([]);
    expect((await listAuditPage({ search: prefix, outcome: 'success' })).events).toHaveLength(5);
  });
});
