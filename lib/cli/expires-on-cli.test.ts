import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { temporaryCli } from '@/test/cli-runner';

// `set-credentials --expires-on` through the real binary on a temporary database.

const { db, cli } = await temporaryCli('expiry', 9);

const storedDate = async (appId: string) =>
  (await db.query<{ expires_on: string | null }>('select c.expires_on from credentials c join environments e on e.id = c.environment_id join connections k on k.id = e.connection_id where k.app_id = ?', appId))[0];

describe('set-credentials --expires-on', { timeout: 300_000 }, () => {
  it('stores the date, refuses a malformed one writing nothing, and clears it with ""', async () => {
    const app = `exp_${crypto.randomUUID().slice(0, 8)}`;
    expect(cli('add', '-a', app).code).toBe(0);
    expect(cli('configure', '-a', app, '--env', 'draft', '-t', 'team', '-k', 'basic', '--server-url', 'https://crm.example.com').code).toBe(0);
    expect(cli('set-credentials', '-a', app, '--env', 'draft', '-u', 'svc', '-p', 'pw', '--expires-on', '2027-01-31')).toMatchObject({ code: 0, err: '' });
    expect(await storedDate(app)).toEqual({ expires_on: '2027-01-31' });

    const bad = cli('set-credentials', '-a', app, '--env', 'draft', '-p', 'other', '--expires-on', '31.01.2027');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--expires-on.*date like 2027-01-31/);
    expect(await storedDate(app)).toEqual({ expires_on: '2027-01-31' });

    expect(cli('set-credentials', '-a', app, '--env', 'draft', '--expires-on', '').code).toBe(0);
    expect(await storedDate(app)).toEqual({ expires_on: null });
    expect(cli('set-credentials', '--help').out).toMatch(/--expires-on YYYY-MM-DD/);
  });
});
