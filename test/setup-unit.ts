import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createThrowawayDatabase, dropThrowawayDatabase } from './throwaway-databases';

// Every test file gets its own real database and key: a SQLite file in a temporary folder or, when
// TEST_POSTGRES_URL names a PostgreSQL server (`npm run test:unit:pg`), a throwaway database on it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
process.env.DATABASE_PATH = path.join(dir, 'test.db');
process.env.CONNECTIONS_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
process.env.AUTH_SECRET = 'unit-test-secret-unit-test-secret';
// The OAuth tests talk to a real provider on 127.0.0.1, which the outbound guard refuses by default.
process.env.OUTBOUND_ALLOW_LOOPBACK = '1';

const server = process.env.TEST_POSTGRES_URL;
// Before the test file's own module code, which may seed rows at its top level.
const database = server ? await createThrowawayDatabase(server, 'cm_unit') : undefined;
if (database) process.env.DATABASE_URL = database;
await (await import('@/lib/db/client')).prepareDatabase();

afterAll(async () => {
  const { closeDatabase } = await import('@/lib/db/client');
  await closeDatabase();
  if (server && database) await dropThrowawayDatabase(server, database);
  fs.rmSync(dir, { recursive: true, force: true });
});
