import 'server-only';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { getSqlite } from '@/lib/db/client';
import { keyRing, keySource } from './keys';
import { sampleSealedKeyIds } from './sealed-columns';
import { KEY_CHECK_CONTEXT, KEY_CHECK_META_KEY, KEY_CHECK_PLAINTEXT } from './sealing-contexts';
import { decryptString, encryptString, sealedKeyId } from './secret-box';

/** The configured key cannot be used with this database: the process must not start. */
export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

const REFUSE = 'Refusing to start, so nothing is written under the wrong key.';

function hasSealedData(sqlite: Database.Database): boolean {
  return sampleSealedKeyIds(sqlite).size > 0;
}

/**
 * Checks, before anything is written, that the configured key ring opens this database's secrets.
 * A sealed known value in `app_meta` is the check; a database without one (new, or older than the
 * check) gets it written under the current key once the data agrees. Throws EncryptionKeyError.
 */
export function verifyEncryptionKey(sqlite: Database.Database): void {
  const check = sqlite.prepare('select value from app_meta where key = ?').get(KEY_CHECK_META_KEY) as { value: string } | undefined;
  const source = keySource();
  if (source.kind === 'file' && !fs.existsSync(source.file) && (check || hasSealedData(sqlite))) {
    throw new EncryptionKeyError(
      `The encryption key file ${source.file} is missing, but this database holds encrypted secrets. ` +
        `Restore the key file (it is not inside the database or its backups) or set CONNECTIONS_ENCRYPTION_KEY to that key. ${REFUSE}`,
    );
  }
  let ring;
  try {
    ring = keyRing();
  } catch (e) {
    throw new EncryptionKeyError(`The encryption key is not usable: ${e instanceof Error ? e.message : String(e)} ${REFUSE}`);
  }
  const configured = [...ring.all.keys()].join(', ');
  if (check) {
    try {
      if (decryptString(check.value, KEY_CHECK_CONTEXT) === KEY_CHECK_PLAINTEXT) return;
    } catch {
      // Reported below.
    }
    throw new EncryptionKeyError(
      `The configured encryption key does not open this database: its secrets were written with key ${sealedKeyId(check.value) ?? '?'}, ` +
        `and the configured keys are ${configured}. Set CONNECTIONS_ENCRYPTION_KEY (or restore the key file) to the key this database ` +
        `was written with; during a rotation, list the old key in CONNECTIONS_ENCRYPTION_KEY_PREVIOUS. ${REFUSE}`,
    );
  }
  const unknown = [...sampleSealedKeyIds(sqlite)].filter((id) => !ring.all.has(id));
  if (unknown.length) {
    throw new EncryptionKeyError(
      `This database holds secrets written with key ${unknown.join(', ')}, which is not configured (configured: ${configured}). ` +
        `Set CONNECTIONS_ENCRYPTION_KEY or restore the key file. ${REFUSE}`,
    );
  }
  // 'or ignore': another process starting at the same moment may have written it first.
  sqlite.prepare('insert or ignore into app_meta (key, value) values (?, ?)').run(KEY_CHECK_META_KEY, encryptString(KEY_CHECK_PLAINTEXT, KEY_CHECK_CONTEXT));
}

/** For entry points that use the process's database handle (the CLI, Next's instrumentation). */
export function verifyDatabaseEncryptionKey(): void {
  verifyEncryptionKey(getSqlite());
}

/** For `bin/server.mjs`: the check on the database file, with a one-paragraph message and exit 1. */
export async function checkEncryptionKeyAtStart(databaseFile: string): Promise<void> {
  const { default: Sqlite } = await import('better-sqlite3');
  const sqlite = new Sqlite(databaseFile);
  try {
    sqlite.pragma('busy_timeout = 5000');
    verifyEncryptionKey(sqlite);
  } catch (e) {
    console.error(e instanceof EncryptionKeyError ? e.message : `Encryption key check failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  } finally {
    if (sqlite.open) sqlite.close();
  }
}
