import { describe, expect, it } from 'vitest';
import { seedUser } from '@/test/db-fixtures';
import { parseCredentialsInput } from './credentials-schema';
import { connectionSchema } from './connection-schema';
import { listConnections } from './list-connections';
import { createConnection } from './save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';

const admin = await seedUser('admin');
const prefix = `lst${Date.now()}`;
const ids = Array.from({ length: 7 }, (_, i) => `${prefix}_${String(i).padStart(2, '0')}`);
for (const id of ids) await createConnection(admin, connectionSchema.parse({ app_id: id, environments: { draft: { kind: 'bearer' } } }));

describe('listConnections', () => {
  it('pages with a cursor, in app id order, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConnections(admin, { search: prefix, limit: 3, cursor });
      expect(page.total).toBe(7);
      seen.push(...page.items.map((i) => i.appId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('orders app ids byte by byte on every database (upper case, digits, - and _ as in ASCII), by offset and by cursor', async () => {
    const base = `ord${Date.now()}`;
    // A locale collation would put `_a` first and mix the cases; the list must not depend on the database's locale.
    const mixed = [`${base}a`, `${base}_a`, `${base}Z9`, `${base}-z`, `${base}A`];
    for (const id of mixed) await createConnection(admin, connectionSchema.parse({ app_id: id }));
    const bytewise = [...mixed].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(bytewise).toEqual([`${base}-z`, `${base}A`, `${base}Z9`, `${base}_a`, `${base}a`]);
    expect((await listConnections(admin, { search: base, limit: 10 })).items.map((i) => i.appId)).toEqual(bytewise);
    expect((await listConnections(admin, { search: base, limit: 2, offset: 2 })).items.map((i) => i.appId)).toEqual(bytewise.slice(2, 4));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConnections(admin, { search: base, limit: 2, cursor });
      seen.push(...page.items.map((i) => i.appId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(bytewise);
  });

  it('refuses a cursor it never handed out, naming the cursor field', async () => {
    for (const cursor of ['%%%', 'LWZvbyBiYXI', 'Zm9v=']) {
      await expect(listConnections(admin, { cursor }), cursor).rejects.toThrow(expect.objectContaining({ code: 'bad_input', fields: { cursor: expect.stringMatching(/next_cursor/) } }));
    }
  });

  it('pages with offsets and searches by app id, taking % and _ literally', async () => {
    expect((await listConnections(admin, { search: prefix, limit: 5, offset: 5 })).items.map((i) => i.appId)).toEqual(ids.slice(5));
    expect((await listConnections(admin, { search: `${prefix}_0%` })).total).toBe(0);
  });

  it('shows per environment the kind, type and credential status', async () => {
    await setCredentials(admin, ids[0], 'draft', parseCredentialsInput('bearer', { token: 't' }).data!);
    const [first, second] = (await listConnections(admin, { search: prefix, limit: 2 })).items;
    expect(first.environments).toEqual({ draft: { kind: 'bearer', type: 'team', status: 'connected' }, live: null });
    expect(second.environments.draft?.status).toBe('missing credentials');
  });

  it('tells admins how many members connected a member connection, and members nothing of others', async () => {
    const appId = `${prefix}_members`;
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'basic', type: 'member' } } }));
    const [alice, bob] = [await seedUser('member'), await seedUser('member')];
    const countFor = async () => (await listConnections(admin, { search: appId })).items[0].activity.draft?.members;
    expect((await countFor())?.connected).toBe(0);
    // Each member who set their own credentials counts once; the team's registration row never does.
    await setCredentials(alice, appId, 'draft', parseCredentialsInput('basic', { username: 'a', password: 'p' }).data!);
    await setCredentials(bob, appId, 'draft', parseCredentialsInput('basic', { username: 'b', password: 'p' }).data!);
    const counted = (await countFor())!;
    expect(counted.of).toBeGreaterThanOrEqual(3);
    expect(counted.connected).toBe(2);
    expect([typeof counted.connected, typeof counted.of]).toEqual(['number', 'number']);
    expect((await listConnections(alice, { search: appId })).items[0].activity.draft?.members).toBeNull();
  });
});
