import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase } from '@/lib/db/client';
import { verifyDatabaseEncryptionKey } from '@/lib/crypto/key-check';
import { resetEnvForTests } from '@/lib/env';
import { resetKeyRingForTests } from '@/lib/crypto/keys';

// Inside the per-file temporary folder of test/setup-unit.ts, which is removed afterwards.
const baseDir = path.dirname(process.env.DATABASE_PATH!);

/**
 * Points this test process at a fresh database file, with the key from `key` (base64) or, when
 * it is null, from a key file in the database's folder, as a restarted server would see it: with
 * the entry points' key check, unless `check: false` (to run that check in the test itself).
 */
export function restartWith(options: { dir?: string; key: string | null; previous?: string; check?: boolean }) {
  closeDatabase();
  const dir = options.dir ?? fs.mkdtempSync(path.join(baseDir, 'keys-'));
  process.env.DATABASE_PATH = path.join(dir, 'test.db');
  if (options.key === null) delete process.env.CONNECTIONS_ENCRYPTION_KEY;
  else process.env.CONNECTIONS_ENCRYPTION_KEY = options.key;
  if (options.previous) process.env.CONNECTIONS_ENCRYPTION_KEY_PREVIOUS = options.previous;
  else delete process.env.CONNECTIONS_ENCRYPTION_KEY_PREVIOUS;
  resetEnvForTests();
  resetKeyRingForTests();
  if (options.check !== false) verifyDatabaseEncryptionKey();
  return dir;
}
