import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a salted hash', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toEqual(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$nope')).toBe(false);
  });
});

describe('password hashing strength', () => {
  it('uses scrypt at OWASP strength (N=2^17, r=8, p=1)', async () => {
    const hash = await hashPassword('a strong enough password');
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
  });
});
