import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createPrivateFile, sqliteHandle } from './client';

export type BackupResult = { file: string; bytes: number; pages: number };

// Copy every page in one step: in WAL mode that reads one consistent snapshot without blocking
// writers, whereas small steps restart from scratch each time another process commits.
const ALL_PAGES = 0x7fffffff;

function integrityProblems(file: string): string | null {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0].integrity_check === 'ok' ? null : rows.map((r) => r.integrity_check).join('; ');
  } finally {
    copy.close();
  }
}

export const POSTGRES_BACKUP_REFUSAL =
  'backup copies the SQLite database file; this console runs on PostgreSQL (DATABASE_URL): back it up with pg_dump, and keep the encryption key apart from the dump.';

/**
 * Online backup of the SQLite database to `targetFile` with SQLite's backup API, while the console
 * keeps serving. The copy is written beside the target, checked with `PRAGMA integrity_check`, made
 * mode 0600 and only then renamed into place, so `targetFile` is always a complete database.
 * The encryption key is not in the database: back up the key file (or the key) separately.
 * On PostgreSQL it refuses: pg_dump is the tool there.
 */
export async function backupDatabase(targetFile: string): Promise<BackupResult> {
  const sqlite = sqliteHandle();
  if (!sqlite) throw new AppError('bad_input', POSTGRES_BACKUP_REFUSAL);
  const target = path.resolve(targetFile);
  const source = env().databasePath;
  if ([source, `${source}-wal`, `${source}-shm`].includes(target)) throw new Error('The backup file must not be the database itself.');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${crypto.randomBytes(4).toString('hex')}.partial`;
  try {
    // Created 0600 before SQLite writes a page into it, never readable by others even for a moment.
    createPrivateFile(partial);
    const { totalPages } = await sqlite.backup(partial, { progress: () => ALL_PAGES });
    fs.chmodSync(partial, 0o600);
    const problems = integrityProblems(partial);
    if (problems) throw new Error(`The backup failed its integrity check: ${problems}`);
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, pages: totalPages };
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
  }
}
