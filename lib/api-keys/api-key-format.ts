import crypto from 'node:crypto';

/** Keys look like `cmk_<43 base64url chars>`: 256 random bits, recognisable in logs and secret scanners. */
export const API_KEY_PREFIX = 'cmk_';
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/** SHA-256 is enough here: the key has 256 bits of entropy, so no KDF is needed against guessing. */
export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length >= DISPLAY_PREFIX_LENGTH && value.length <= 200;
}
