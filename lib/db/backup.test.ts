import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { verifyDatabaseEncryptionKey } from '@/lib/crypto/key-check';
import { env } from '@/lib/env';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { backupDatabase, POSTGRES_BACKUP_REFUSAL } from './backup';
import { startConcurrentWriter } from '@/test/concurrent-writer';

async function seedConnections(count: number) {
  const admin = await seedUser('admin');
  let environmentId = '';
  for (let i = 0; i < count; i++) {
    const appId = uniqueAppId('bk');
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
    if (!environmentId) environmentId = (await getEnvironment(appId, 'draft')).environment.id;
  }
  return environmentId;
}

// SQLite's online backup; a PostgreSQL database is backed up with pg_dump.
const onPostgres = env().databaseUrl !== undefined;

describe.skipIf(onPostgres)('backupDatabase', () => {
  it('writes a complete copy that passes integrity_check while another process keeps writing', async () => {
    const environmentId = await seedConnections(300);
    const writer = await startConcurrentWriter(environmentId);
    const target = path.join(path.dirname(env().databasePath), 'backups', 'nightly.db');
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await backupDatabase(target));
    const summary = await writer.stop();

    expect(summary.errors).toEqual([]);
    expect(summary.writes).toBeGreaterThan(0);
    expect(results[2]).toMatchObject({ file: target });
    expect(results[2].bytes).toBe(fs.statSync(target).size);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    // No partial files are left beside the backup.
    expect(fs.readdirSync(path.dirname(target))).toEqual(['nightly.db']);

    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('select count(*) from connections').pluck().get()).toBe(300);
      // A consistent snapshot: every credential row points at an environment in the same copy.
      expect(copy.prepare('select count(*) from credentials c left join environments e on e.id = c.environment_id where e.id is null').pluck().get()).toBe(0);
      expect(copy.prepare('select count(*) from credentials').pluck().get()).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
  });

  it('a restored copy opens as the database, key check included', async () => {
    await verifyDatabaseEncryptionKey(); // as every entry point does at start
    await seedConnections(3);
    const target = path.join(path.dirname(env().databasePath), 'restore-me.db');
    await backupDatabase(target);
    const restored = new Database(target);
    try {
      expect(restored.prepare("select count(*) from app_meta where key = 'encryption_key_check'").pluck().get()).toBe(1);
    } finally {
      restored.close();
    }
  });

  it('refuses to write the backup over the database itself', async () => {
    await expect(backupDatabase(env().databasePath)).rejects.toThrow(/must not be the database/);
  });
});

describe.runIf(onPostgres)('backupDatabase on PostgreSQL', () => {
  it('refuses, pointing to pg_dump and to keeping the key apart, and writes no file', async () => {
    const target = path.join(path.dirname(env().databasePath), 'pg-backup.db');
    await expect(backupDatabase(target)).rejects.toThrow(POSTGRES_BACKUP_REFUSAL);
    expect(POSTGRES_BACKUP_REFUSAL).toMatch(/pg_dump.*encryption key/);
    expect(fs.existsSync(target)).toBe(false);
  });
});
