import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDatabase, prepareDatabase } from '@/lib/db/client';
import { verifyDatabaseEncryptionKey } from '@/lib/crypto/key-check';
import { resetEnvForTests } from '@/lib/env';
import { resetKeyRingForTests } from '@/lib/crypto/keys';
import { createThrowawayDatabase, dropThrowawayDatabase } from './throwaway-databases';

// Inside the per-file temporary folder of test/setup-unit.ts, which is removed afterwards.
const baseDir = path.dirname(process.env.DATABASE_PATH!);
const server = process.env.TEST_POSTGRES_URL;
const databases: string[] = [];

/**
 * On PostgreSQL (TEST_POSTGRES_URL) a folder stands for a database of its own, created with the
 * folder and named in its `database-url` file, so "restart on this folder" reopens the same data.
 */
async function databaseUrlOf(dir: string): Promise<string | undefined> {
  if (!server) return undefined;
  const file = path.join(dir, 'database-url');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  const url = await createThrowawayDatabase(server, 'cm_unit');
  databases.push(url);
  fs.writeFileSync(file, url);
  return url;
}

afterAll(async () => {
  await closeDatabase();
  for (const url of databases) await dropThrowawayDatabase(server!, url);
}, 120_000);

/**
 * Points this test process at a fresh database (a file, or a database on the PostgreSQL test
 * server), with the key from `key` (base64) or, when it is null, from a key file in the database's
 * folder, as a restarted server would see it: with the entry points' key check, unless
 * `check: false` (to run that check in the test itself). `dir` reopens an earlier database.
 */
export async function restartWith(options: { dir?: string; key: string | null; previous?: string; check?: boolean }) {
  await closeDatabase();
  const dir = options.dir ?? fs.mkdtempSync(path.join(baseDir, 'keys-'));
  process.env.DATABASE_PATH = path.join(dir, 'test.db');
  const url = await databaseUrlOf(dir);
  if (url) process.env.DATABASE_URL = url;
  if (options.key === null) delete process.env.CONNECTIONS_ENCRYPTION_KEY;
  else process.env.CONNECTIONS_ENCRYPTION_KEY = options.key;
  if (options.previous) process.env.CONNECTIONS_ENCRYPTION_KEY_PREVIOUS = options.previous;
  else delete process.env.CONNECTIONS_ENCRYPTION_KEY_PREVIOUS;
  resetEnvForTests();
  resetKeyRingForTests();
  await prepareDatabase();
  if (options.check !== false) await verifyDatabaseEncryptionKey();
  return dir;
}
