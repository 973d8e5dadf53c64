import 'server-only';
import crypto from 'node:crypto';
import { keyRing, reloadKeyRingIfChanged } from './keys';

/**
 * AES-256-GCM with a versioned envelope: `cm1.` + base64url(keyId[4] | iv[12] | tag[16] | ciphertext).
 * The key id lets rotation find the key a value was written with; `context` is bound as associated
 * data so a ciphertext copied to another row or field does not decrypt.
 */
const PREFIX = 'cm1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 4;

export class DecryptionError extends Error {
  constructor(message = 'A stored secret could not be decrypted: wrong key or tampered data.') {
    super(message);
    this.name = 'DecryptionError';
  }
}

export function encryptString(plaintext: string, context: string, key = keyRing().current): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const envelope = Buffer.concat([Buffer.from(key.id, 'hex'), iv, cipher.getAuthTag(), body]);
  return PREFIX + envelope.toString('base64url');
}

export function decryptString(sealed: string, context: string): string {
  if (!sealed.startsWith(PREFIX)) throw new DecryptionError('Unknown secret format.');
  const envelope = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (envelope.length < KEY_ID_BYTES + IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const id = envelope.subarray(0, KEY_ID_BYTES).toString('hex');
  // An unknown id may be a key a rotation just wrote to the key file: look again before failing.
  const key = keyRing().all.get(id) ?? reloadKeyRingIfChanged().all.get(id);
  if (!key) throw new DecryptionError('A stored secret was written with a key this server does not have.');
  const iv = envelope.subarray(KEY_ID_BYTES, KEY_ID_BYTES + IV_BYTES);
  const tag = envelope.subarray(KEY_ID_BYTES + IV_BYTES, KEY_ID_BYTES + IV_BYTES + TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.bytes, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(envelope.subarray(KEY_ID_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError();
  }
}

export function sealedKeyId(sealed: string): string | undefined {
  if (!sealed.startsWith(PREFIX)) return undefined;
  return Buffer.from(sealed.slice(PREFIX.length), 'base64url').subarray(0, KEY_ID_BYTES).toString('hex');
}

export function encryptJson(value: unknown, context: string): string {
  return encryptString(JSON.stringify(value), context);
}

export function decryptJson<T>(sealed: string, context: string): T {
  return JSON.parse(decryptString(sealed, context)) as T;
}
