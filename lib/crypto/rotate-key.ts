import 'server-only';
import type Database from 'better-sqlite3';
import { getSqlite } from '@/lib/db/client';
import { generateKeyBase64, keyRing, keySource, KEY_RELOAD_INTERVAL_MS, parseKey, readKeyFile, useRotationKey, writeKeyFile, type EncryptionKey } from './keys';
import { AUTH_SETTINGS, SEALED_COLUMNS, type SealedColumn, type StoredConfigValue } from './sealed-columns';
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
  /** Rows per IMMEDIATE transaction: small, so the console's own writes wait at most one batch. */
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

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Re-seals one column, batch by batch, each batch read and written in one IMMEDIATE transaction. */
async function sweepColumn(sqlite: Database.Database, c: SealedColumn, target: EncryptionKey, batchSize: number, stats: Stats) {
  const select = sqlite.prepare(
    `select ${c.id} as id, ${c.column} as v from ${c.table} where ${c.column} is not null and ${c.id} > ?${c.where ? ` and ${c.where}` : ''} order by ${c.id} limit ?`,
  );
  const update = sqlite.prepare(`update ${c.table} set ${c.column} = ? where ${c.id} = ? and ${c.column} = ?`);
  let after = '';
  for (;;) {
    const rows = sqlite.transaction(() => {
      const batch = select.all(after, batchSize) as { id: string; v: string }[];
      for (const row of batch) {
        if (sealedKeyId(row.v) === target.id) continue;
        let plain: string;
        try {
          plain = decryptString(row.v, c.context(row.id));
        } catch {
          stats.unreadable++;
          continue;
        }
        update.run(encryptString(plain, c.context(row.id), target), row.id, row.v);
        stats.reencrypted++;
      }
      return batch;
    }).immediate();
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
    await pause();
  }
}

async function sweepAuthSettings(sqlite: Database.Database, target: EncryptionKey, batchSize: number, stats: Stats) {
  const { table, id, column, context } = AUTH_SETTINGS;
  const select = sqlite.prepare(`select ${id} as id, ${column} as v from ${table} where ${column} like '%"sealed_value":"cm1.%' and ${id} > ? order by ${id} limit ?`);
  const update = sqlite.prepare(`update ${table} set ${column} = ? where ${id} = ? and ${column} = ?`);
  let after = '';
  for (;;) {
    const rows = sqlite.transaction(() => {
      const batch = select.all(after, batchSize) as { id: string; v: string }[];
      for (const row of batch) {
        const settings = JSON.parse(row.v) as { config_values?: StoredConfigValue[] };
        let changed = 0;
        for (const value of settings.config_values ?? []) {
          const sealed = value.sealed_value;
          if (typeof sealed !== 'string' || !sealed || sealedKeyId(sealed) === target.id) continue;
          try {
            value.sealed_value = encryptString(decryptString(sealed, context(row.id, value.key)), context(row.id, value.key), target);
            changed++;
          } catch {
            stats.unreadable++;
          }
        }
        if (changed) update.run(JSON.stringify(settings), row.id, row.v);
        stats.reencrypted += changed;
      }
      return batch;
    }).immediate();
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
    await pause();
  }
}

async function sweep(sqlite: Database.Database, target: EncryptionKey, batchSize: number): Promise<Stats> {
  const stats: Stats = { reencrypted: 0, unreadable: 0 };
  for (const column of SEALED_COLUMNS) await sweepColumn(sqlite, column, target, batchSize, stats);
  await sweepAuthSettings(sqlite, target, batchSize, stats);
  return stats;
}

/**
 * Re-encrypts every secret in the database under a new key while the console keeps serving.
 *
 * Key file (the default): the new key becomes the file's first line and the old key stays on the
 * next, so every process can read both; running servers pick the file up within a second and
 * write with the new key; then every sealed value still under another key is re-encrypted, in
 * short IMMEDIATE transactions, and a final pass after `settleMs` catches what servers wrote
 * meanwhile. Keys from the environment cannot be changed from here: the result's `instructions`
 * say what to set (see the README's "Key rotation").
 */
export async function rotateEncryptionKey(options: RotateKeyOptions = {}): Promise<RotateKeyResult> {
  const batchSize = options.batchSize ?? 200;
  const log = options.onProgress ?? (() => {});
  const sqlite = getSqlite(); // opening runs the key check: a wrong key stops here
  sqlite.prepare('delete from oauth_states where expires_at < ?').run(Date.now());
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
    const stats = await sweep(sqlite, target, batchSize);
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
