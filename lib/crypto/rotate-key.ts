import 'server-only';
import { lt, sql, type SQL } from 'drizzle-orm';
import { getDb, rawRows, rawRun, writeTransaction } from '@/lib/db/client';
import { oauthStates } from '@/lib/db/schema';
import { generateKeyBase64, keyRing, keySource, KEY_RELOAD_INTERVAL_MS, parseKey, readKeyFile, useRotationKey, writeKeyFile, type EncryptionKey } from './keys';
import { AUTH_SETTINGS, authSettingsText, HAS_SEALED_CONFIG_VALUE, SEALED_COLUMNS, type SealedColumn, type StoredConfigValue } from './sealed-columns';
import { decryptString, encryptString, sealedKeyId } from './secret-box';

export type RotateKeyOptions = {
  /** The new key, 32 bytes in base64; generated when absent. */
  newKey?: string;
  /**
   * Switch no key: re-encrypt what is still under an older key with the current one. For keys
   * from the environment, after restarting with CONNECTIONS_ENCRYPTION_KEY=new and
   * CONNECTIONS_ENCRYPTION_KEY_PREVIOUS=old.
   */
  reencryptOnly?: boolean;
  /** Rows per write transaction: small, so the console's own writes wait at most one batch. */
  batchSize?: number;
  /** Time for running servers to notice a rewritten key file before the final pass. */
  settleMs?: number;
  onProgress?: (message: string) => void;
};

export type RotateKeyResult = {
  source: 'file' | 'env';
  previousKeyId: string;
  keyId: string;
  reencrypted: number;
  /** Sealed values no configured key opens: left as they are and reported, never dropped. */
  unreadable: number;
  keyFile?: string;
  /** Keys from the environment only: the new key, for the operator to configure. */
  newKeyBase64?: string;
  /** What the operator does next, one step a line. */
  instructions: string[];
};

type Stats = { reencrypted: number; unreadable: number };

/**
 * Between two batches: time for the console's own writes to get in. A write that conflicted with
 * a batch is retried after a few milliseconds (lib/db/client.ts), and must find the database free.
 */
const BATCH_GAP_MS = 25;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, BATCH_GAP_MS));

type Sealed = { id: string; v: string };

/**
 * Walks one table in id order, batch by batch, each batch read and rewritten in one short write
 * transaction, so the console's own writes wait at most one batch. `reseal` returns the new text
 * of a row (or null to leave it); it runs again if the database retries the batch after a
 * conflict, so its counts are kept per batch and added only once the batch has committed.
 */
async function sweepTable(
  batchSize: number,
  select: (after: string) => SQL,
  update: (row: Sealed, value: string) => SQL,
  reseal: (row: Sealed, stats: Stats) => string | null,
  stats: Stats,
) {
  let after = '';
  for (;;) {
    const { batch, counted } = await writeTransaction(async () => {
      const counted: Stats = { reencrypted: 0, unreadable: 0 };
      const batch = await rawRows<Sealed>(select(after));
      for (const row of batch) {
        const value = reseal(row, counted);
        if (value !== null) await rawRun(update(row, value));
      }
      return { batch, counted };
    });
    stats.reencrypted += counted.reencrypted;
    stats.unreadable += counted.unreadable;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1].id;
    await pause();
  }
}

/** Re-seals one column. Table and column names are constants (sealed-columns.ts), never input. */
function sweepColumn(c: SealedColumn, target: EncryptionKey, batchSize: number, stats: Stats) {
  const table = sql.identifier(c.table);
  const id = sql.identifier(c.id);
  const column = sql.identifier(c.column);
  const where = c.where ? sql` and ${c.where}` : sql``;
  return sweepTable(
    batchSize,
    (after) => sql`select ${id} as id, ${column} as v from ${table} where ${column} is not null and ${id} > ${after}${where} order by ${id} limit ${batchSize}`,
    (row, value) => sql`update ${table} set ${column} = ${value} where ${id} = ${row.id} and ${column} = ${row.v}`,
    (row, counted) => {
      if (sealedKeyId(row.v) === target.id) return null;
      let plain: string;
      try {
        plain = decryptString(row.v, c.context(row.id));
      } catch {
        counted.unreadable++;
        return null;
      }
      counted.reencrypted++;
      return encryptString(plain, c.context(row.id), target);
    },
    stats,
  );
}

/** Re-seals the password config values inside the auth settings JSON, compared and written as text. */
function sweepAuthSettings(target: EncryptionKey, batchSize: number, stats: Stats) {
  const { table: tableName, id: idName, context } = AUTH_SETTINGS;
  const table = sql.identifier(tableName);
  const id = sql.identifier(idName);
  return sweepTable(
    batchSize,
    (after) => sql`select ${id} as id, ${authSettingsText} as v from ${table} where ${HAS_SEALED_CONFIG_VALUE} and ${id} > ${after} order by ${id} limit ${batchSize}`,
    (row, value) => sql`update ${table} set ${sql.identifier(AUTH_SETTINGS.column)} = ${value} where ${id} = ${row.id} and ${authSettingsText} = ${row.v}`,
    (row, counted) => {
      const settings = JSON.parse(row.v) as { config_values?: StoredConfigValue[] };
      let changed = 0;
      for (const value of settings.config_values ?? []) {
        const sealed = value.sealed_value;
        if (typeof sealed !== 'string' || !sealed || sealedKeyId(sealed) === target.id) continue;
        try {
          value.sealed_value = encryptString(decryptString(sealed, context(row.id, value.key)), context(row.id, value.key), target);
          changed++;
        } catch {
          counted.unreadable++;
        }
      }
      counted.reencrypted += changed;
      return changed ? JSON.stringify(settings) : null;
    },
    stats,
  );
}

async function sweep(target: EncryptionKey, batchSize: number): Promise<Stats> {
  const stats: Stats = { reencrypted: 0, unreadable: 0 };
  for (const column of SEALED_COLUMNS) await sweepColumn(column, target, batchSize, stats);
  await sweepAuthSettings(target, batchSize, stats);
  return stats;
}

/**
 * Re-encrypts every secret in the database under a new key while the console keeps serving.
 *
 * Key file (the default): the new key becomes the file's first line and the old key stays on the
 * next, so every process can read both; running servers pick the file up within a second and
 * write with the new key; then every sealed value still under another key is re-encrypted, in
 * short write transactions, and a final pass after `settleMs` catches what servers wrote meanwhile. Keys from the environment cannot be changed from here: the result's `instructions`
 * say what to set (see the README's "Key rotation").
 */
export async function rotateEncryptionKey(options: RotateKeyOptions = {}): Promise<RotateKeyResult> {
  const batchSize = options.batchSize ?? 200;
  const log = options.onProgress ?? (() => {});
  // The CLI ran the key check before calling this: a wrong key has stopped there.
  await getDb().delete(oauthStates).where(lt(oauthStates.expiresAt, Date.now()));
  const source = keySource();
  const previous = keyRing().current;
  const newKeyBase64 = options.reencryptOnly ? undefined : (options.newKey?.trim() ?? generateKeyBase64());
  let target = previous;
  if (newKeyBase64) {
    target = parseKey(newKeyBase64, 'The new key');
    if (target.id === previous.id) throw new Error('The new key is the key already in use.');
    if (source.kind === 'file') {
      const kept = readKeyFile(source.file).filter((k) => parseKey(k, 'the key file').id !== target.id);
      writeKeyFile(source.file, [newKeyBase64, ...kept]);
      useRotationKey(undefined); // reload from the file now
      log(`Wrote the new key ${target.id} to ${source.file}; the old key ${previous.id} stays on its second line.`);
    } else {
      useRotationKey(target);
    }
  }
  if (keyRing().current.id !== target.id) throw new Error('The new key did not become current; nothing was re-encrypted.');

  const total: Stats = { reencrypted: 0, unreadable: 0 };
  const pass = async () => {
    const stats = await sweep(target, batchSize);
    total.reencrypted += stats.reencrypted;
    total.unreadable = stats.unreadable; // the last pass's count is what remains
    log(`Re-encrypted ${stats.reencrypted} secret value(s) under key ${target.id}.`);
    return stats;
  };
  await pass();
  if (newKeyBase64 && source.kind === 'file') {
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? KEY_RELOAD_INTERVAL_MS * 2));
    for (let i = 0; i < 5 && (await pass()).reencrypted > 0; i++);
  }

  const instructions: string[] = [];
  if (source.kind === 'file') {
    if (newKeyBase64) instructions.push(`The previous key stays in ${source.file} so backups taken before now still open; remove its line once those backups are gone.`);
  } else if (newKeyBase64) {
    instructions.push(
      'Set CONNECTIONS_ENCRYPTION_KEY to the new key and CONNECTIONS_ENCRYPTION_KEY_PREVIOUS to its old value, then restart the server.',
      'Until that restart, a server still running with only the old key cannot read the re-encrypted secrets.',
      'After the restart, run `npx connections rotate-key --reencrypt-only` once to re-encrypt anything written in between.',
    );
  }
  return {
    source: source.kind,
    previousKeyId: previous.id,
    keyId: target.id,
    reencrypted: total.reencrypted,
    unreadable: total.unreadable,
    keyFile: source.kind === 'file' ? source.file : undefined,
    newKeyBase64: source.kind === 'env' ? newKeyBase64 : undefined,
    instructions,
  };
}
