import 'server-only';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { getDb, prepareDatabase } from '@/lib/db/client';
import { appMeta } from '@/lib/db/schema';
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

async function hasSealedData(): Promise<boolean> {
  return (await sampleSealedKeyIds()).size > 0;
}

/**
 * Checks, before anything is written, that the configured key ring opens the configured database's
 * secrets (SQLite or PostgreSQL), after applying its migrations. A sealed known value in `app_meta`
 * is the check; a database without one (new, or older than the check) gets it written under the
 * current key once the data agrees. Throws EncryptionKeyError. Every entry point (the server, the
 * CLI, Next's instrumentation) awaits it before its first query.
 */
export async function verifyDatabaseEncryptionKey(): Promise<void> {
  await prepareDatabase();
  const db = getDb();
  const [check] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, KEY_CHECK_META_KEY)).limit(1);
  const source = keySource();
  if (source.kind === 'file' && !fs.existsSync(source.file) && (check || (await hasSealedData()))) {
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
  const unknown = [...(await sampleSealedKeyIds())].filter((id) => !ring.all.has(id));
  if (unknown.length) {
    throw new EncryptionKeyError(
      `This database holds secrets written with key ${unknown.join(', ')}, which is not configured (configured: ${configured}). ` +
        `Set CONNECTIONS_ENCRYPTION_KEY or restore the key file. ${REFUSE}`,
    );
  }
  // 'Do nothing' on a conflict: another process starting at the same moment may have written it first.
  await db.insert(appMeta).values({ key: KEY_CHECK_META_KEY, value: encryptString(KEY_CHECK_PLAINTEXT, KEY_CHECK_CONTEXT) }).onConflictDoNothing();
}

/**
 * For `bin/server.mjs`: opens and migrates the configured database, then checks the key; on a
 * failure, a one-paragraph message and exit 1.
 */
export async function checkEncryptionKeyAtStart(): Promise<void> {
  try {
    await verifyDatabaseEncryptionKey();
  } catch (e) {
    console.error(e instanceof EncryptionKeyError ? e.message : `Encryption key check failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
