import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { displayNameSchema } from '@/lib/connections/display-name-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setDisplayName } from '@/lib/connections/set-display-name';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { listConnectionsFiltered } from './admin-list';
import { disconnectConnection } from './disconnect-connection';
import { connectionFiltersSchema } from './home-filters';
import { memberHome } from './member-home';

const filters = (query: Record<string, string> = {}) => connectionFiltersSchema.parse(query);

describe('the member home', () => {
  it('groups a member’s connections by what they need, follows their own credentials, and filters', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const tag = uniqueAppId('home');
    const mine = `${tag}_mine`;
    const shared = `${tag}_shared`;
    await createConnection(admin, connectionSchema.parse({ app_id: mine, environments: { draft: { kind: 'basic', type: 'member' } } }));
    await setDisplayName(admin, displayNameSchema.parse({ appId: mine, displayName: 'Weekly REPORTS' }));
    await createConnection(admin, connectionSchema.parse({ app_id: shared, environments: { draft: { kind: 'bearer', type: 'team' } } }));
    const appIds = (items: { appId: string }[]) => items.map((i) => i.appId).filter((id) => id.startsWith(tag));

    const before = await memberHome(member, filters({ q: tag }));
    expect(appIds(before.needsAction)).toEqual([mine]);
    expect(before.needsAction[0].action).toBe('Not set up yet');
    expect(appIds(before.managed)).toEqual([shared]);
    expect(appIds(before.connected)).toEqual([]);

    const input = parseCredentialsInput('basic', { username: 'me', password: 'pw' });
    if (!input.success) throw input.error;
    await setCredentials(member, mine, 'draft', input.data);
    const after = await memberHome(member, filters({ q: tag }));
    expect(appIds(after.connected)).toEqual([mine]);
    expect(after.connected[0]).toMatchObject({ status: 'connected', action: null, connectedAt: expect.any(Number) });
    // Another member's home does not follow these credentials.
    const other = await memberHome(await seedUser('member'), filters({ q: tag }));
    expect(appIds(other.needsAction)).toEqual([mine]);

    // The search matches the display name whatever its case; kind and status filter too.
    expect(appIds((await memberHome(member, filters({ q: 'weekly reports' }))).connected)).toEqual([mine]);
    expect((await memberHome(member, filters({ q: tag, kind: 'bearer' }))).total).toBe(1);
    expect(appIds((await memberHome(member, filters({ q: tag, status: 'connected' }))).connected)).toEqual([mine]);

    // The admins' table with a status filter, as the admin sees it (nothing set up yet): collected,
    // then paged.
    const missing = await listConnectionsFiltered(admin, filters({ q: tag, status: 'missing credentials' }), { limit: 1, offset: 1 });
    expect(missing.items.map((i) => i.appId)).toEqual([shared]);
    expect(missing.total).toBe(2);

    expect(await disconnectConnection(member, mine, 'draft')).toEqual({ revocation: 'no_token' });
    expect(appIds((await memberHome(member, filters({ q: tag }))).needsAction)).toEqual([mine]);
  });
});
