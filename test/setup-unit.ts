import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

// Every test file gets its own real database and key: a SQLite file in a temporary folder or, when
// TEST_POSTGRES_URL names a PostgreSQL server (`npm run test:unit:pg`), a throwaway database on it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
process.env.DATABASE_PATH = path.join(dir, 'test.db');
process.env.CONNECTIONS_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
process.env.AUTH_SECRET = 'unit-test-secret-unit-test-secret';
// The OAuth tests talk to a real provider on 127.0.0.1, which the outbound guard refuses by default.
process.env.OUTBOUND_ALLOW_LOOPBACK = '1';

const server = process.env.TEST_POSTGRES_URL;
const database = `cm_unit_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
if (server) {
  const url = new URL(server);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
}

async function onServer(statement: string) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// Before the test file's own module code, which may seed rows at its top level.
if (server) await onServer(`create database ${database}`);
await (await import('@/lib/db/client')).prepareDatabase();

afterAll(async () => {
  const { closeDatabase } = await import('@/lib/db/client');
  await closeDatabase();
  if (server) await onServer(`drop database if exists ${database} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});
