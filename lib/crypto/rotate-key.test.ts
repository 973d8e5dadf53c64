import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { resolvedConfigValues } from '@/lib/connections/environment-mapping';
import { openSecrets, openTokens, sealSecrets, sealTokens } from '@/lib/credentials/credential-secrets';
import { getDb, rawRows } from '@/lib/db/client';
import { appMeta, connections, credentials, environments, oauthStates } from '@/lib/db/schema';
import { startConcurrentWriter } from '@/test/concurrent-writer';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { generateKeyBase64, KEY_FILE_NAME, keyRing, parseKey, readKeyFile } from './keys';
import { rotateEncryptionKey } from './rotate-key';
import { SEALED_COLUMNS } from './sealed-columns';
import { KEY_CHECK_META_KEY, oauthStatePayloadContext } from './sealing-contexts';
import { decryptString, encryptString, sealedKeyId } from './secret-box';
import { restartWith } from '@/test/test-keys';

type Seeded = { environmentId: string; rows: Array<{ id: string; n: number }>; stateHash: string };

/** Secrets in every encrypted column: credentials (secrets, tokens), auth settings, OAuth states. */
async function seed(count: number): Promise<Seeded> {
  const admin = await seedUser('admin');
  const appId = uniqueAppId('rot');
  await createConnection(
    admin,
    connectionSchema.parse({
      app_id: appId,
      environments: {
        draft: {
          kind: 'oauth_auth_code_flow',
          type: 'team',
          auth_settings: { config_values: [{ key: 'api_secret', label: 'API secret', type: 'password', value: 'config-secret' }] },
        },
      },
    }),
  );
  const { environment } = await getEnvironment(appId, 'draft');
  const rows = Array.from({ length: count }, (_, n) => ({ id: crypto.randomUUID(), n }));
  const db = getDb();
  for (const { id, n } of rows) {
    await db.insert(credentials).values({
        id,
        environmentId: environment.id,
        ownerKey: `owner-${n}`,
        publicValues: {},
        secretValues: sealSecrets(id, { client_secret: `secret-${n}` }),
        secretNames: ['client_secret'],
        tokens: sealTokens(id, { access_token: `access-${n}`, refresh_token: `refresh-${n}` }),
      status: 'connected',
    });
  }
  const stateHash = crypto.randomBytes(16).toString('hex');
  await db.insert(oauthStates).values({
    stateHash,
    userId: admin.id,
    environmentId: environment.id,
    ownerKey: 'team',
    payload: encryptString(JSON.stringify({ verifier: 'pkce' }), oauthStatePayloadContext(stateHash)),
    returnTo: '/connections',
    expiresAt: Date.now() + 600_000,
  });
  return { environmentId: environment.id, rows, stateHash };
}

/** Every sealed value's key id, across every encrypted column including the auth settings JSON. */
async function keyIdsInDatabase(): Promise<string[]> {
  const ids: string[] = [];
  for (const c of SEALED_COLUMNS) {
    const column = sql.identifier(c.column);
    const rows = await rawRows<{ v: string }>(sql`select ${column} as v from ${sql.identifier(c.table)} where ${column} is not null${c.where ? sql` and ${c.where}` : sql``}`);
    ids.push(...rows.map((r) => sealedKeyId(r.v) ?? 'none'));
  }
  for (const { settings } of await getDb().select({ settings: environments.authSettings }).from(environments)) {
    for (const c of (settings?.config_values ?? []) as { sealed_value?: string }[]) if (c.sealed_value) ids.push(sealedKeyId(c.sealed_value) ?? 'none');
  }
  return ids;
}

async function expectEverythingDecrypts(seeded: Seeded) {
  const db = getDb();
  for (const { id, n } of seeded.rows) {
    const [row] = await db.select().from(credentials).where(eq(credentials.id, id));
    expect(openSecrets(row)).toEqual({ client_secret: `secret-${n}` });
    expect(openTokens(row)).toMatchObject({ access_token: `access-${n}`, refresh_token: `refresh-${n}` });
  }
  const [{ appId }] = await db
    .select({ appId: connections.appId })
    .from(connections)
    .innerJoin(environments, eq(environments.connectionId, connections.id))
    .where(eq(environments.id, seeded.environmentId));
  const { environment } = await getEnvironment(appId, 'draft');
  expect(resolvedConfigValues(environment)).toMatchObject({ api_secret: 'config-secret' });
  const [state] = await db.select({ payload: oauthStates.payload }).from(oauthStates).where(eq(oauthStates.stateHash, seeded.stateHash));
  expect(JSON.parse(decryptString(state.payload, oauthStatePayloadContext(seeded.stateHash)))).toEqual({ verifier: 'pkce' });
}

afterEach(() => restartWith({ key: generateKeyBase64() }));

describe('rotateEncryptionKey', () => {
  it('re-encrypts every secret under a new key file while another process keeps writing and reading', async () => {
    const dir = await restartWith({ key: null });
    const seeded = await seed(450);
    const oldId = keyRing().current.id;
    const writer = await startConcurrentWriter(seeded.environmentId);
    const result = await rotateEncryptionKey({ batchSize: 50 });
    const summary = await writer.stop();

    expect(result.source).toBe('file');
    expect(result.previousKeyId).toBe(oldId);
    expect(result.keyId).not.toBe(oldId);
    expect(result.reencrypted).toBeGreaterThanOrEqual(450 * 2 + 1 + 1 + 1);
    expect(result.unreadable).toBe(0);
    // The writer never failed, and wrote during the rotation.
    expect(summary.errors).toEqual([]);
    expect(summary.writes).toBeGreaterThan(10);

    const ids = await keyIdsInDatabase();
    expect(ids.length).toBeGreaterThanOrEqual(450 * 2 + 3 + summary.writes);
    expect(ids.filter((id) => id !== result.keyId)).toEqual([]);
    await expectEverythingDecrypts(seeded);

    // The key file: new key first, the old one kept for older backups; still mode 0600.
    const file = path.join(dir, KEY_FILE_NAME);
    expect(readKeyFile(file).map((k) => parseKey(k, 'k').id)).toEqual([result.keyId, oldId]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // A restart with the rewritten key file opens everything.
    await restartWith({ dir, key: null });
    await expectEverythingDecrypts(seeded);
    expect(await getDb().select().from(appMeta).where(eq(appMeta.key, KEY_CHECK_META_KEY))).toHaveLength(1);
  }, 120_000);

  it('with keys from the environment, re-encrypts under the given key and says what to configure', async () => {
    const oldKey = generateKeyBase64();
    const newKey = generateKeyBase64();
    const dir = await restartWith({ key: oldKey });
    const seeded = await seed(20);
    const result = await rotateEncryptionKey({ newKey, batchSize: 7 });
    expect(result.source).toBe('env');
    expect(result.keyId).toBe(parseKey(newKey, 'k').id);
    expect(result.newKeyBase64).toBe(newKey);
    expect(result.instructions.join('\n')).toMatch(/CONNECTIONS_ENCRYPTION_KEY .*new key/);
    expect(result.instructions.join('\n')).toMatch(/CONNECTIONS_ENCRYPTION_KEY_PREVIOUS/);
    expect(new Set(await keyIdsInDatabase())).toEqual(new Set([result.keyId]));

    // Restarting with only the old key is refused; with the new key everything opens.
    await expect(restartWith({ dir, key: oldKey })).rejects.toThrow(/does not open this database/);
    await restartWith({ dir, key: newKey, previous: oldKey });
    await expectEverythingDecrypts(seeded);
  });

  it('--reencrypt-only moves what an older key wrote to the current key', async () => {
    const oldKey = generateKeyBase64();
    const newKey = generateKeyBase64();
    const dir = await restartWith({ key: oldKey });
    const seeded = await seed(5);
    await restartWith({ dir, key: newKey, previous: oldKey });
    expect(new Set(await keyIdsInDatabase())).toEqual(new Set([parseKey(oldKey, 'k').id]));
    const result = await rotateEncryptionKey({ reencryptOnly: true });
    expect(result.keyId).toBe(parseKey(newKey, 'k').id);
    expect(new Set(await keyIdsInDatabase())).toEqual(new Set([result.keyId]));
    await restartWith({ dir, key: newKey });
    await expectEverythingDecrypts(seeded);
  });

  it('refuses to "rotate" to the key already in use', async () => {
    const key = generateKeyBase64();
    await restartWith({ key });
    await expect(rotateEncryptionKey({ newKey: key })).rejects.toThrow(/already in use/);
  });
});
