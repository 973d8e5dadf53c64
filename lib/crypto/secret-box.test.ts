import { describe, expect, it } from 'vitest';
import { generateKeyBase64, parseKey } from './keys';
import { decryptString, encryptString, DecryptionError, sealedKeyId } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  it('round-trips and produces a fresh ciphertext each time', () => {
    const a = encryptString('hunter2-secret', 'ctx');
    const b = encryptString('hunter2-secret', 'ctx');
    expect(a).not.toEqual(b);
    expect(a.startsWith('cm1.')).toBe(true);
    expect(a).not.toContain('hunter2');
    expect(decryptString(a, 'ctx')).toBe('hunter2-secret');
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = encryptString('value', 'ctx');
    const bytes = Buffer.from(sealed.slice(4), 'base64url');
    bytes[bytes.length - 1] ^= 0x01;
    expect(() => decryptString('cm1.' + bytes.toString('base64url'), 'ctx')).toThrow(DecryptionError);
  });

  it('binds the ciphertext to its context: a value copied to another row does not decrypt', () => {
    const sealed = encryptString('value', 'credentials:a:secrets');
    expect(() => decryptString(sealed, 'credentials:b:secrets')).toThrow(DecryptionError);
  });

  it('records the key id, and a value written under an unknown key is refused', () => {
    const other = parseKey(generateKeyBase64(), 'test key');
    const sealed = encryptString('value', 'ctx', other);
    expect(sealedKeyId(sealed)).toBe(other.id);
    expect(() => decryptString(sealed, 'ctx')).toThrow(/key this server does not have/);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => parseKey(Buffer.alloc(16).toString('base64'), 'KEY')).toThrow(/32 bytes/);
  });
});
