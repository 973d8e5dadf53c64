import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { getSqlite } from '@/lib/db/client';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { EncryptionKeyError, verifyDatabaseEncryptionKey } from './key-check';
import { generateKeyBase64, KEY_FILE_NAME } from './keys';
import { KEY_CHECK_META_KEY } from './sealing-contexts';
import { restartWith } from '@/test/test-keys';

const keyA = generateKeyBase64();
const keyB = generateKeyBase64();
const root = path.resolve(import.meta.dirname, '..', '..');

function storeSecret() {
  const admin = await seedUser('admin');
  const appId = uniqueAppId();
  createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
  const input = parseCredentialsInput('bearer', { token: 'key-check-secret' });
  if (!input.success) throw new Error('bad input');
  setCredentials(admin, appId, 'draft', input.data);
}

/** Everything in the database file, to prove a refused start wrote nothing. */
function snapshot(dir: string) {
  const db = new Database(path.join(dir, 'test.db'), { readonly: true });
  try {
    return JSON.stringify(['app_meta', 'credentials', 'audit_events'].map((t) => db.prepare(`select * from ${t} order by 1`).all()));
  } finally {
    db.close();
  }
}

afterEach(() => restartWith({ key: generateKeyBase64() }));

/** What every entry point (server, CLI, Next's instrumentation) runs before serving. */
const start = () => verifyDatabaseEncryptionKey();

describe('encryption key check at start', () => {
  it('writes a check value on a new database and opens again with the same key', () => {
    const dir = restartWith({ key: keyA });
    start();
    const check = getSqlite().prepare('select value from app_meta where key = ?').get(KEY_CHECK_META_KEY) as { value: string };
    expect(check.value).toMatch(/^cm1\./);
    storeSecret();
    restartWith({ check: false, dir, key: keyA });
    expect(() => start()).not.toThrow();
  });

  it('refuses a wrong key, and writes nothing', () => {
    const dir = restartWith({ key: keyA });
    storeSecret();
    const before = snapshot(dir);
    restartWith({ check: false, dir, key: keyB });
    expect(() => start()).toThrow(EncryptionKeyError);
    expect(() => start()).toThrow(/does not open this database.*Refusing to start/);
    expect(snapshot(dir)).toBe(before);
  });

  it('accepts the old key as CONNECTIONS_ENCRYPTION_KEY_PREVIOUS during a rotation', () => {
    const dir = restartWith({ key: keyA });
    storeSecret();
    restartWith({ check: false, dir, key: keyB, previous: keyA });
    expect(() => start()).not.toThrow();
  });

  it('refuses when the generated key file is gone but secrets exist, and does not make a new one', () => {
    const dir = restartWith({ key: null });
    storeSecret();
    const keyFile = path.join(dir, KEY_FILE_NAME);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    fs.rmSync(keyFile);
    restartWith({ check: false, dir, key: null });
    expect(() => start()).toThrow(/key file .* is missing/);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('checks databases written before the check existed against their ciphertexts', () => {
    const dir = restartWith({ key: keyA });
    storeSecret();
    getSqlite().prepare('delete from app_meta where key = ?').run(KEY_CHECK_META_KEY);
    restartWith({ check: false, dir, key: keyB });
    expect(() => start()).toThrow(/not configured/);
    restartWith({ check: false, dir, key: keyA });
    start();
    expect(getSqlite().prepare('select count(*) n from app_meta where key = ?').get(KEY_CHECK_META_KEY)).toEqual({ n: 1 });
  });

  it('makes the server process exit with a clear message on a wrong key', () => {
    const dir = restartWith({ key: keyA });
    storeSecret();
    const script = path.join(dir, 'start.mts');
    fs.writeFileSync(script, `import { checkEncryptionKeyAtStart } from '${path.join(root, 'lib/crypto/key-check.ts')}';\nawait checkEncryptionKeyAtStart(process.env.DATABASE_PATH!);\nconsole.log('started');\n`);
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
