import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { getDb, rawRows } from '@/lib/db/client';
import { appMeta } from '@/lib/db/schema';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { EncryptionKeyError, verifyDatabaseEncryptionKey } from './key-check';
import { generateKeyBase64, KEY_FILE_NAME } from './keys';
import { KEY_CHECK_META_KEY } from './sealing-contexts';
import { restartWith } from '@/test/test-keys';

const keyA = generateKeyBase64();
const keyB = generateKeyBase64();
const root = path.resolve(import.meta.dirname, '..', '..');

async function storeSecret() {
  const admin = await seedUser('admin');
  const appId = uniqueAppId();
  await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
  const input = parseCredentialsInput('bearer', { token: 'key-check-secret' });
  if (!input.success) throw new Error('bad input');
  await setCredentials(admin, appId, 'draft', input.data);
}

/** Everything in the tables a start could write, to prove a refused start wrote nothing. */
async function snapshot() {
  const tables = [];
  for (const t of ['app_meta', 'credentials', 'audit_events']) tables.push(await rawRows(sql`select * from ${sql.identifier(t)} order by 1`));
  return JSON.stringify(tables);
}

const checkValues = () => getDb().select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, KEY_CHECK_META_KEY));

afterEach(() => restartWith({ key: generateKeyBase64() }));

/** What every entry point (server, CLI, Next's instrumentation) runs before serving. */
const start = () => verifyDatabaseEncryptionKey();

describe('encryption key check at start', () => {
  it('writes a check value on a new database and opens again with the same key', async () => {
    const dir = await restartWith({ key: keyA });
    await start();
    const [check] = await checkValues();
    expect(check.value).toMatch(/^cm1\./);
    await storeSecret();
    await restartWith({ check: false, dir, key: keyA });
    await expect(start()).resolves.toBeUndefined();
  });

  it('refuses a wrong key, and writes nothing', async () => {
    const dir = await restartWith({ key: keyA });
    await storeSecret();
    const before = await snapshot();
    await restartWith({ check: false, dir, key: keyB });
    await expect(start()).rejects.toThrow(EncryptionKeyError);
    await expect(start()).rejects.toThrow(/does not open this database.*Refusing to start/);
    expect(await snapshot()).toBe(before);
  });

  it('accepts the old key as CONNECTIONS_ENCRYPTION_KEY_PREVIOUS during a rotation', async () => {
    const dir = await restartWith({ key: keyA });
    await storeSecret();
    await restartWith({ check: false, dir, key: keyB, previous: keyA });
    await expect(start()).resolves.toBeUndefined();
  });

  it('refuses when the generated key file is gone but secrets exist, and does not make a new one', async () => {
    const dir = await restartWith({ key: null });
    await storeSecret();
    const keyFile = path.join(dir, KEY_FILE_NAME);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    fs.rmSync(keyFile);
    await restartWith({ check: false, dir, key: null });
    await expect(start()).rejects.toThrow(/key file .* is missing/);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('checks databases written before the check existed against their ciphertexts', async () => {
    const dir = await restartWith({ key: keyA });
    await storeSecret();
    await getDb().delete(appMeta).where(eq(appMeta.key, KEY_CHECK_META_KEY));
    await restartWith({ check: false, dir, key: keyB });
    await expect(start()).rejects.toThrow(/not configured/);
    await restartWith({ check: false, dir, key: keyA });
    await start();
    expect(await checkValues()).toHaveLength(1);
  });

  it('makes the server process exit with a clear message on a wrong key', async () => {
    const dir = await restartWith({ key: keyA });
    await storeSecret();
    const script = path.join(dir, 'start.mts');
    // Closing the database lets the process end at once (an open PostgreSQL pool would keep it alive).
    fs.writeFileSync(
      script,
      `import { checkEncryptionKeyAtStart } from '${path.join(root, 'lib/crypto/key-check.ts')}';\n` +
        `import { closeDatabase } from '${path.join(root, 'lib/db/client.ts')}';\n` +
        `await checkEncryptionKeyAtStart();\nconsole.log('started');\nawait closeDatabase();\n`,
    );
    const run = (key: string) =>
      spawnSync(process.execPath, [path.join(root, 'bin/run-ts.mjs'), script], { cwd: root, env: { ...process.env, CONNECTIONS_ENCRYPTION_KEY: key }, encoding: 'utf8' });
    const wrong = run(keyB);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/does not open this database/);
    expect(wrong.stdout).not.toContain('started');
    const right = run(keyA);
    expect(right.stderr).toBe('');
    expect(right.stdout).toContain('started');
  });
});
