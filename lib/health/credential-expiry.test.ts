import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { listConnections } from '@/lib/connections/list-connections';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { createWebhookEndpoint } from '@/lib/webhooks/endpoints';
import { startWebhookWorker } from '@/lib/webhooks/worker';
import type { UserActor } from '@/lib/auth/actor';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { credentialRow, startWebhookReceiver, waitFor } from '@/test/oauth-test-helpers';
import { expiryWarning } from './credential-expiry';
import { sweepOnce } from './sweep';

const DAY = 86_400_000;
const NOON = Date.parse('2026-12-01T12:00:00Z');
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe('expiryWarning', () => {
  it('warns 14 days ahead and after the date, counting whole UTC days', () => {
    expect(expiryWarning(null, NOON)).toBeNull();
    expect(expiryWarning('2026-12-16', NOON)).toBeNull();
    expect(expiryWarning('2026-12-15', NOON)).toEqual({ expired: false, days: 14, text: 'expires in 14 days' });
    expect(expiryWarning('2026-12-10', NOON)).toEqual({ expired: false, days: 9, text: 'expires in 9 days' });
    expect(expiryWarning('2026-12-02', NOON)?.text).toBe('expires in 1 day');
    expect(expiryWarning('2026-12-01', NOON)).toEqual({ expired: false, days: 0, text: 'expires today' });
    expect(expiryWarning('2026-11-29', NOON)).toEqual({ expired: true, days: -2, text: 'expired 2 days ago' });
    // The same date seen just after midnight and just before: the day count changes at 00:00 UTC only.
    expect(expiryWarning('2026-12-10', Date.parse('2026-12-01T00:00:01Z'))?.days).toBe(9);
    expect(expiryWarning('2026-12-10', Date.parse('2026-12-01T23:59:59Z'))?.days).toBe(9);
  });
});

describe('expires_on input', () => {
  it('takes YYYY-MM-DD, clears with blank or null, and refuses anything else', () => {
    expect(parseCredentialsInput('bearer', { token: 't', expires_on: '2027-01-31' }).data?.expires_on).toBe('2027-01-31');
    expect(parseCredentialsInput('bearer', { expires_on: '' }).data?.expires_on).toBeNull();
    expect(parseCredentialsInput('bearer', { expires_on: null }).data?.expires_on).toBeNull();
    expect(parseCredentialsInput('bearer', {}).data?.expires_on).toBeUndefined();
    for (const bad of ['31/01/2027', '2027-02-30', 'soon', 20270131]) {
      const parsed = parseCredentialsInput('bearer', { expires_on: bad });
      expect(parsed.success, String(bad)).toBe(false);
      expect(parsed.error!.issues[0].path).toEqual(['expires_on']);
    }
  });
});

async function bearerConnection(admin: UserActor, expiresOn: string | null) {
  const appId = uniqueAppId('expiry');
  await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team', server_url: 'https://api.example.com/' } } }));
  await setCredentials(admin, appId, 'draft', parseCredentialsInput('bearer', { token: 'secret-token', expires_on: expiresOn }).data!);
  return appId;
}

describe('stored expiry date', () => {
  it('is kept when omitted, changed when given, cleared with null, and shown on the list', async () => {
    const admin = await seedUser('admin');
    const appId = await bearerConnection(admin, dateIn(5));
    expect((await credentialRow(appId, 'team')).expiresOn).toBe(dateIn(5));
    await setCredentials(admin, appId, 'draft', parseCredentialsInput('bearer', { token: 'other' }).data!);
    expect((await credentialRow(appId, 'team')).expiresOn).toBe(dateIn(5));
    const listed = (await listConnections(admin, { search: appId })).items.find((i) => i.appId === appId)!;
    expect(listed.expiresOn).toEqual({ draft: dateIn(5) });
    await setCredentials(admin, appId, 'draft', parseCredentialsInput('bearer', { expires_on: null }).data!);
    expect((await credentialRow(appId, 'team')).expiresOn).toBeNull();
  });
});

describe('credential.expiring', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let worker: { stop: () => void };
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    worker = startWebhookWorker();
  });
  afterAll(async () => {
    worker.stop();
    await receiver.close();
  });

  it('the sweep sends it once per credential and date within 14 days, and again for a new date', async () => {
    const admin = await seedUser('admin');
    const { secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: ['credential.expiring'] });
    receiver.setSecret(secret);
    const soon = await bearerConnection(admin, dateIn(5));
    const later = await bearerConnection(admin, dateIn(30));
    const none = await bearerConnection(admin, null);
    const expiring = (appId: string) => receiver.received.filter((r) => r.json.event === 'credential.expiring' && r.json.data.app_id === appId);

    expect((await sweepOnce()).ran).toBe(true);
    const [first] = await waitFor('credential.expiring', () => (expiring(soon).length ? expiring(soon) : undefined));
    expect(first.signatureValid).toBe(true);
    expect(first.json.data).toMatchObject({ app_id: soon, env: 'draft', owner: 'team', kind: 'bearer', message: `Expires on ${dateIn(5)}.` });
    expect(first.body).not.toContain('secret-token');
    expect((await credentialRow(soon, 'team')).expiryRemindedOn).toBe(dateIn(5));

    // Later sweeps do not send it again for the same date.
    await sweepOnce();
    await sweepOnce();
    // A new date within the window is announced once more.
    await setCredentials(admin, soon, 'draft', parseCredentialsInput('bearer', { expires_on: dateIn(3) }).data!);
    await sweepOnce();
    const all = await waitFor('second reminder', () => (expiring(soon).length >= 2 ? expiring(soon) : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // room for a wrongly queued third one to arrive
    expect(expiring(soon).map((r) => r.json.data.message)).toEqual([`Expires on ${dateIn(5)}.`, `Expires on ${dateIn(3)}.`]);
    expect(all).toHaveLength(2);
    expect(expiring(later)).toEqual([]);
    expect(expiring(none)).toEqual([]);
  });
});
