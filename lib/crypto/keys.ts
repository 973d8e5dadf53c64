import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

export type EncryptionKey = { id: string; bytes: Buffer };
export type KeyRing = { current: EncryptionKey; all: Map<string, EncryptionKey> };
export type KeySource = { kind: 'env' } | { kind: 'file'; file: string };

export const KEY_FILE_NAME = 'encryption.key';
/** How often a running server looks at the key file, so a rotation by the CLI reaches it. */
export const KEY_RELOAD_INTERVAL_MS = 1_000;

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

/** Where the current key comes from: CONNECTIONS_ENCRYPTION_KEY, or the key file in the data folder. */
export function keySource(): KeySource {
  return env().CONNECTIONS_ENCRYPTION_KEY ? { kind: 'env' } : { kind: 'file', file: path.join(env().dataDir, KEY_FILE_NAME) };
}

/** The key file: the current key on the first line, older keys (still readable) on the lines after. */
export function readKeyFile(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** Replaces the key file atomically (mode 0600): a reader sees the old file or the new one. */
export function writeKeyFile(file: string, keysBase64: string[]): void {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, keysBase64.join('\n') + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

function loadOrCreateKeyFile(file: string): string[] {
  try {
    return readKeyFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = generateKeyBase64();
  try {
    // 'wx': never overwrite a key another process wrote a moment ago.
    fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
    return [key];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file);
    throw e;
  }
}

function previousFromEnv(): EncryptionKey[] {
  return (env().CONNECTIONS_ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .filter((k) => k.trim())
    .map((k) => parseKey(k, 'CONNECTIONS_ENCRYPTION_KEY_PREVIOUS'));
}

type Cached = { ring: KeyRing; fileStamp: string | null; checkedAt: number };
let cached: Cached | undefined;
/** Set only by a key rotation in this process (environment-configured keys cannot be rewritten). */
let rotationOverride: EncryptionKey | undefined;

function fileStamp(file: string): string | null {
  try {
    const s = fs.statSync(file);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
}

function loadRing(): Cached {
  const source = keySource();
  let keys: EncryptionKey[];
  let stamp: string | null = null;
  if (source.kind === 'env') {
    keys = [parseKey(env().CONNECTIONS_ENCRYPTION_KEY!, 'CONNECTIONS_ENCRYPTION_KEY')];
  } else {
    keys = loadOrCreateKeyFile(source.file).map((k) => parseKey(k, `the key file ${source.file}`));
    stamp = fileStamp(source.file);
  }
  if (rotationOverride) keys.unshift(rotationOverride);
  const all = new Map<string, EncryptionKey>();
  for (const key of [...keys, ...previousFromEnv()]) if (!all.has(key.id)) all.set(key.id, key);
  return { ring: { current: keys[0], all }, fileStamp: stamp, checkedAt: Date.now() };
}

/**
 * The key ring: the current key (CONNECTIONS_ENCRYPTION_KEY, or the first line of the key file
 * generated into the data folder with mode 0600) plus previous keys (the key file's other lines and
 * CONNECTIONS_ENCRYPTION_KEY_PREVIOUS), so old ciphertexts stay readable during and after rotation.
 * A key file changed by `rotate-key` is picked up within KEY_RELOAD_INTERVAL_MS.
 */
export function keyRing(): KeyRing {
  if (!cached) {
    cached = loadRing();
    return cached.ring;
  }
  const source = keySource();
  if (source.kind === 'file' && Date.now() - cached.checkedAt >= KEY_RELOAD_INTERVAL_MS) refreshIfChanged(source.file);
  return cached.ring;
}

function refreshIfChanged(file: string) {
  cached!.checkedAt = Date.now();
  const stamp = fileStamp(file);
  if (stamp && stamp !== cached!.fileStamp) cached = loadRing();
}

/** A ciphertext names a key this ring lacks: look at the key file now rather than within a second. */
export function reloadKeyRingIfChanged(): KeyRing {
  const source = keySource();
  if (!cached) return keyRing();
  if (source.kind === 'file') refreshIfChanged(source.file);
  return cached.ring;
}

/** During an env-sourced rotation, this process writes with the new key while reading the old ones. */
export function useRotationKey(key: EncryptionKey | undefined): void {
  rotationOverride = key;
  cached = undefined;
}

export function resetKeyRingForTests() {
  cached = undefined;
  rotationOverride = undefined;
}
