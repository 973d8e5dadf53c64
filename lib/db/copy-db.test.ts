import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadBack, Seeded } from '@/test/copy-db.fixture';
import { createThrowawayDatabase, dropThrowawayDatabase, queryPostgres } from '@/test/throwaway-databases';
import { copySqliteToPostgres } from './copy-db';
import * as pgSchema from './schema/pg';

// The source is a SQLite file and the targets throwaway databases on the PostgreSQL test server
// (TEST_POSTGRES_URL), so this file runs in the PostgreSQL pass (`npm run test:pg`). The lib picks
// its dialect once per process, so each end runs in a process of its own.
const server = process.env.TEST_POSTGRES_URL ?? '';
const root = path.resolve(import.meta.dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-copy-'));
const created: string[] = [];

const onServer = <T = unknown>(statement: string, url = server) => queryPostgres<T>(url, statement);

afterAll(async () => {
  for (const url of created) await dropThrowawayDatabase(server, url);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

async function emptyPostgresDatabase(): Promise<string> {
  const url = await createThrowawayDatabase(server, 'cm_copy');
  created.push(url);
  return url;
}

/** A process on one database (DATABASE_URL, else DATABASE_PATH) with this file's key. */
function fixture<T>(database: { path: string } | { url: string }, ...args: string[]): T {
  const env: NodeJS.ProcessEnv = { ...process.env, CONNECTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'), DATABASE_PATH: path.join(dir, 'source.db') };
  delete env.DATABASE_URL;
  if ('url' in database) env.DATABASE_URL = database.url;
  else env.DATABASE_PATH = database.path;
  const run = spawnSync(process.execPath, [path.join(root, 'bin/run-ts.mjs'), path.join(root, 'test/copy-db.fixture.ts'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`copy-db fixture ${args[0]} exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as T;
}

const copiedTables = Object.values(pgSchema)
  .filter((t) => is(t, PgTable))
  .map((t) => getTableName(t as PgTable))
  .filter((name) => name !== 'data_changes');

function sqliteCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(copiedTables.map((t) => [t, db.prepare(`select count(*) from ${t}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

async function postgresCounts(url: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of copiedTables) counts[t] = Number((await onServer<{ n: string }>(`select count(*) as n from ${t}`, url))[0].n);
  return counts;
}

describe.skipIf(!server)('copySqliteToPostgres', () => {
  it('copies every table as stored in one transaction, the same key opens it, and a failed copy writes nothing', async () => {
    const sqliteFile = path.join(dir, 'source.db');
    const seeded = fixture<Seeded>({ path: sqliteFile }, 'seed');
    const source = sqliteCounts(sqliteFile);
    expect(source).toMatchObject({ users: 2, connections: 2, environments: 2, credentials: 2, app_meta: 1 });
    expect(source.audit_events).toBeGreaterThanOrEqual(6);
    const target = await emptyPostgresDatabase();

    // A row PostgreSQL refuses half way (a credential of no environment, written with SQLite's
    // foreign key checks off), after the users and connections went in: all of it is rolled back.
    const orphan = crypto.randomUUID();
    const raw = new Database(sqliteFile);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("insert into credentials (id, environment_id, owner_key, public_values, secret_names, status) values (?, 'no-such-environment', 'team', '{}', '[]', 'missing')").run(orphan);
    await expect(copySqliteToPostgres(sqliteFile, target)).rejects.toThrow(/failed and was rolled back: .*foreign key/);
    expect(Object.values(await postgresCounts(target)).every((n) => n === 0)).toBe(true);
    raw.prepare('delete from credentials where id = ?').run(orphan);
    raw.close();

    const progress: string[] = [];
    const result = await copySqliteToPostgres(sqliteFile, target, (line) => progress.push(line));
    expect(Object.fromEntries(result.tables.map((t) => [t.table, t.rows]))).toEqual(source);
    expect(await postgresCounts(target)).toEqual(source);
    expect(progress).toContain('Copied credentials: 2 row(s).');
    // Sealed values are copied as stored, not re-encrypted.
    const sourceDb = new Database(sqliteFile, { readonly: true });
    const sourceSealed = sourceDb.prepare('select id, secret_values from credentials').all() as Array<{ id: string }>;
    sourceDb.close();
    const targetSealed = await onServer<{ id: string }>('select id, secret_values from credentials', target);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(targetSealed.sort(byId)).toEqual(sourceSealed.sort(byId));

    // Opened with DATABASE_URL it is the console's database: same key, secrets decrypted through
    // the lib, and the audit trail continues after the copied ids.
    const back = fixture<ReadBack>({ url: target }, 'read', JSON.stringify(seeded));
    expect(back.dialect).toBe('postgres');
    expect(back.team).toMatchObject({ token: 'team-secret-token' });
    expect(back.own).toMatchObject({ username: 'member-login', password: 'member-secret-password' });
    expect(back.lastAuditId).toBe(seeded.lastAuditId);
    expect(back.nextAuditId).toBeGreaterThan(seeded.lastAuditId);

    // A second copy onto the database in use is refused before it writes anything.
    const inUse = await postgresCounts(target);
    await expect(copySqliteToPostgres(sqliteFile, target)).rejects.toThrow(/not empty \(users: 2, .*\).*Nothing was copied/);
    expect(await postgresCounts(target)).toEqual(inUse);
  }, 240_000);

  it('refuses a source file that does not exist', async () => {
    await expect(copySqliteToPostgres(path.join(dir, 'missing.db'), server)).rejects.toThrow(/no SQLite database at/);
  });
});
