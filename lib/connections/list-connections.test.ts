import { describe, expect, it } from 'vitest';
import { seedUser } from '@/test/db-fixtures';
import { parseCredentialsInput } from './credentials-schema';
import { connectionSchema } from './connection-schema';
import { listConnections } from './list-connections';
import { createConnection } from './save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';

describe('listConnections', () => {
  const admin = await seedUser('admin');
  const prefix = `lst${Date.now()}`;
  const ids = Array.from({ length: 7 }, (_, i) => `${prefix}_${String(i).padStart(2, '0')}`);
  for (const id of ids) createConnection(admin, connectionSchema.parse({ app_id: id, environments: { draft: { kind: 'bearer' } } }));

  it('pages with a cursor, in app id order, without repeats', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = listConnections(admin, { search: prefix, limit: 3, cursor });
      expect(page.total).toBe(7);
      seen.push(...page.items.map((i) => i.appId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('refuses a cursor it never handed out, naming the cursor field', () => {
    for (const cursor of ['%%%', 'LWZvbyBiYXI', 'Zm9v=']) {
      expect(() => listConnections(admin, { cursor }), cursor).toThrow(expect.objectContaining({ code: 'bad_input', fields: { cursor: expect.stringMatching(/next_cursor/) } }));
    }
  });

  it('pages with offsets and searches by app id, taking % and _ literally', () => {
    expect(listConnections(admin, { search: prefix, limit: 5, offset: 5 }).items.map((i) => i.appId)).toEqual(ids.slice(5));
    expect(listConnections(admin, { search: `${prefix}_0%` }).total).toBe(0);
  });

  it('shows per environment the kind, type and credential status', () => {
    setCredentials(admin, ids[0], 'draft', parseCredentialsInput('bearer', { token: 't' }).data!);
    const [first, second] = listConnections(admin, { search: prefix, limit: 2 }).items;
    expect(first.environments).toEqual({ draft: { kind: 'bearer', type: 'team', status: 'connected' }, live: null });
    expect(second.environments.draft?.status).toBe('missing credentials');
  });

  it('tells admins how many members connected a member connection, and members nothing of others', () => {
    const appId = `${prefix}_members`;
    createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'basic', type: 'member' } } }));
    const [alice, bob] = [seedUser('member'), await seedUser('member')];
    const countFor = () => listConnections(admin, { search: appId }).items[0].activity.draft?.members;
    expect(countFor()?.connected).toBe(0);
    // Each member who set their own credentials counts once; the team's registration row never does.
    setCredentials(alice, appId, 'draft', parseCredentialsInput('basic', { username: 'a', password: 'p' }).data!);
    setCredentials(bob, appId, 'draft', parseCredentialsInput('basic', { username: 'b', password: 'p' }).data!);
    const counted = countFor()!;
    expect(counted.of).toBeGreaterThanOrEqual(3);
    expect(counted.connected).toBe(2);
    expect(listConnections(alice, { search: appId }).items[0].activity.draft?.members).toBeNull();
  });
});

