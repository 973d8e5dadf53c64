import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase } from '@/lib/db/client';
import { resetEnvForTests } from '@/lib/env';
import { resetKeyRingForTests } from './keys';

// Inside the per-file temporary folder of lib/test/setup-unit.ts, which is removed afterwards.
const baseDir = path.dirname(process.env.DATABASE_PATH!);

/**
 * Points this test process at a fresh database file, with the key from `key` (base64) or, when
 * it is null, from a key file in the database's folder, as a restarted server would see it.
 */
export function restartWith(options: { dir?: string; key: string | null; previous?: string }) {
  closeDatabase();
  const dir = options.dir ?? fs.mkdtempSync(path.join(baseDir, 'keys-'));
  process.env.DATABASE_PATH = path.join(dir, 'test.db');
  if (options.key === null) delete process.env.CONNECTIONS_ENCRYPTION_KEY;
  else process.env.CONNECTIONS_ENCRYPTION_KEY = options.key;
  if (options.previous) process.env.CONNECTIONS_ENCRYPTION_KEY_PREVIOUS = options.previous;
  else delete process.env.CONNECTIONS_ENCRYPTION_KEY_PREVIOUS;
  resetEnvForTests();
  resetKeyRingForTests();
  return dir;
}
