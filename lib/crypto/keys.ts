import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

export type EncryptionKey = { id: string; bytes: Buffer };

export const KEY_FILE_NAME = 'encryption.key';

function keyId(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

export function parseKey(base64: string, source: string): EncryptionKey {
  const bytes = Buffer.from(base64.trim(), 'base64');
  if (bytes.length !== 32) {
    throw new Error(`${source} must be 32 bytes encoded in base64 (got ${bytes.length} bytes).`);
  }
  return { id: keyId(bytes), bytes };
}

export function generateKeyBase64(): string {
  return crypto.randomBytes(32).toString('base64');
}

function loadOrCreateKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = generateKeyBase64();
  try {
    // 'wx': never overwrite a key another process wrote a moment ago.
    fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8');
    throw e;
  }
}

let ring: { current: EncryptionKey; all: Map<string, EncryptionKey> } | undefined;

/**
 * The key ring: the current key (CONNECTIONS_ENCRYPTION_KEY, or a key generated into the data
 * folder with mode 0600) plus any previous keys, so old ciphertexts stay readable during rotation.
 */
export function keyRing() {
  if (ring) return ring;
  const configured = env().CONNECTIONS_ENCRYPTION_KEY;
  const current = configured
    ? parseKey(configured, 'CONNECTIONS_ENCRYPTION_KEY')
    : parseKey(loadOrCreateKeyFile(path.join(env().dataDir, KEY_FILE_NAME)), `the key file in ${env().dataDir}`);
  const all = new Map([[current.id, current]]);
  for (const old of (process.env.CONNECTIONS_ENCRYPTION_KEY_PREVIOUS ?? '').split(',').filter(Boolean)) {
    const key = parseKey(old, 'CONNECTIONS_ENCRYPTION_KEY_PREVIOUS');
    all.set(key.id, key);
  }
  ring = { current, all };
  return ring;
}

export function resetKeyRingForTests() {
  ring = undefined;
}
