import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { rawRows } from '@/lib/db/client';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { createConnectLinkSchema } from './connect-link-schemas';
import { createConnectLink } from './create-connect-link';
import { returnToAllowed, returnToAllowlistSchema, saveReturnToAllowlist } from './return-to-allowlist';
import { finishConnectLink, openConnectLink } from './use-connect-link';

async function memberApp(admin: UserActor, type: 'member' | 'team' = 'member') {
  const appId = uniqueAppId('link');
  await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'basic', type } } }));
  return appId;
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('connect links', () => {
  it('works once, for the named member only, after they connected; the database holds only a hash', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const other = await seedUser('member');
    const appId = await memberApp(admin);
    const link = await createConnectLink(admin, createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email, requested_by: 'Report bot', reason: 'the weekly report' }));
    const token = tokenOf(link.url);
    expect(await rawRows(sql`select id from connect_links where token_hash = ${token}`)).toEqual([]);
    expect(new Date(link.expires_at).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    await expect(openConnectLink(other, token)).rejects.toThrow(/made for someone else/);
    const open = await openConnectLink(member, token);
    expect(open).toMatchObject({ appId, env: 'draft', requestedBy: 'Report bot', reason: 'the weekly report' });

    // Not connected yet: the link stays usable.
    expect((await finishConnectLink(member, open.id)).connected).toBe(false);
    expect((await openConnectLink(member, token)).id).toBe(open.id);

    const creds = parseCredentialsInput('basic', { username: 'me', password: 'secret-password' });
    if (!creds.success) throw creds.error;
    await setCredentials(member, appId, 'draft', creds.data);
    expect((await finishConnectLink(member, open.id)).connected).toBe(true);
    await expect(openConnectLink(member, token)).rejects.toThrow(/already used/);
  });

  it('expires, refuses team environments, unknown users and return URLs off the allowlist', async () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = await memberApp(admin);
    const short = await createConnectLink(admin, createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email, expires_in: '1m' }));
    await expect(openConnectLink(member, tokenOf(short.url), Date.now() + 61_000)).rejects.toThrow(/expired/);
    const teamApp = await memberApp(admin, 'team');
    await expect(createConnectLink(admin, createConnectLinkSchema.parse({ appId: teamApp, env: 'draft', user: member.email }))).rejects.toThrow(/team/);
    await expect(createConnectLink(admin, createConnectLinkSchema.parse({ appId, env: 'draft', user: 'nobody@example.test' }))).rejects.toThrow(/No user/);
    await expect(createConnectLink(member, createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email }))).rejects.toThrow(/Only admins/);
    const withReturn = createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email, return_to: 'https://agent.example.com/done?x=1' });
    await expect(createConnectLink(admin, withReturn)).rejects.toThrow(/allowlist/);
    await saveReturnToAllowlist(admin, returnToAllowlistSchema.parse({ entries: 'https://agent.example.com/done' }).entries);
    expect((await createConnectLink(admin, withReturn)).return_to).toBe('https://agent.example.com/done?x=1');
    expect(createConnectLinkSchema.safeParse({ appId, env: 'draft', user: member.email, expires_in: '90d' }).success).toBe(false);
  });

  it('matches the allowlist by origin and path prefix', () => {
    const list = ['https://agent.example.com/done'];
    expect(returnToAllowed('https://agent.example.com/done/42', list)).toBe(true);
    expect(returnToAllowed('https://agent.example.com/donez', list)).toBe(false);
    expect(returnToAllowed('https://agent.example.com.evil.test/done', list)).toBe(false);
    expect(returnToAllowed('http://agent.example.com/done', list)).toBe(false);
  });
});
