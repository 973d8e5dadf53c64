import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { getSqlite } from '@/lib/db/client';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { createConnectLinkSchema } from './connect-link-schemas';
import { createConnectLink } from './create-connect-link';
import { returnToAllowed, returnToAllowlistSchema, saveReturnToAllowlist } from './return-to-allowlist';
import { finishConnectLink, openConnectLink } from './use-connect-link';

function memberApp(admin: ReturnType<typeof seedUser>, type: 'member' | 'team' = 'member') {
  const appId = uniqueAppId('link');
  createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'basic', type } } }));
  return appId;
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('connect links', () => {
  it('works once, for the named member only, after they connected; the database holds only a hash', () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const other = await seedUser('member');
    const appId = memberApp(admin);
    const link = createConnectLink(admin, createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email, requested_by: 'Report bot', reason: 'the weekly report' }));
    const token = tokenOf(link.url);
    expect(getSqlite().prepare('select count(*) n from connect_links where token_hash = ?').get(token)).toEqual({ n: 0 });
    expect(new Date(link.expires_at).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    expect(() => openConnectLink(other, token)).toThrow(/made for someone else/);
    const open = openConnectLink(member, token);
    expect(open).toMatchObject({ appId, env: 'draft', requestedBy: 'Report bot', reason: 'the weekly report' });

    // Not connected yet: the link stays usable.
    expect(finishConnectLink(member, open.id).connected).toBe(false);
    expect(openConnectLink(member, token).id).toBe(open.id);

    const creds = parseCredentialsInput('basic', { username: 'me', password: 'secret-password' });
    if (!creds.success) throw creds.error;
    setCredentials(member, appId, 'draft', creds.data);
    expect(finishConnectLink(member, open.id).connected).toBe(true);
    expect(() => openConnectLink(member, token)).toThrow(/already used/);
  });

  it('expires, refuses team environments, unknown users and return URLs off the allowlist', () => {
    const admin = await seedUser('admin');
    const member = await seedUser('member');
    const appId = memberApp(admin);
    const short = createConnectLink(admin, createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email, expires_in: '1m' }));
    expect(() => openConnectLink(member, tokenOf(short.url), Date.now() + 61_000)).toThrow(/expired/);
    expect(() => createConnectLink(admin, createConnectLinkSchema.parse({ appId: memberApp(admin, 'team'), env: 'draft', user: member.email }))).toThrow(/team/);
    expect(() => createConnectLink(admin, createConnectLinkSchema.parse({ appId, env: 'draft', user: 'nobody@example.test' }))).toThrow(/No user/);
    expect(() => createConnectLink(member, createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email }))).toThrow(/Only admins/);
    const withReturn = createConnectLinkSchema.parse({ appId, env: 'draft', user: member.email, return_to: 'https://agent.example.com/done?x=1' });
    expect(() => createConnectLink(admin, withReturn)).toThrow(/allowlist/);
    saveReturnToAllowlist(admin, returnToAllowlistSchema.parse({ entries: 'https://agent.example.com/done' }).entries);
    expect(createConnectLink(admin, withReturn).return_to).toBe('https://agent.example.com/done?x=1');
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
