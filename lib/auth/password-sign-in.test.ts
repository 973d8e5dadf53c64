import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { resetSignInThrottleForTests, SIGN_IN_LIMITS } from '@/lib/security/sign-in-throttle';

// Counting only: the real scrypt still runs underneath.
vi.mock('@/lib/crypto/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/crypto/passwords')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword), burnPasswordCheck: vi.fn(real.burnPasswordCheck) };
});

const passwords = await import('@/lib/crypto/passwords');
const { signInWithPassword } = await import('./password-sign-in');

async function seedWithPassword(password: string, hash?: string) {
  const id = crypto.randomUUID();
  const email = `pw-${id.slice(0, 8)}@example.test`;
  await getDb().insert(users).values({ id, email, role: 'member', passwordHash: hash ?? (await passwords.hashPassword(password)) });
  return { id, email };
}

afterEach(async () => {
  await resetSignInThrottleForTests();
  vi.mocked(passwords.verifyPassword).mockClear();
});

describe('signInWithPassword', () => {
  it('30 parallel wrong passwords from one address: at most the limit is evaluated; the real user from another address still gets in', async () => {
    const password = 'the-real-password-123';
    const user = await seedWithPassword(password);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signInWithPassword({ email: user.email, password: `wrong-${i}` }, '198.51.100.7')));
    expect(results.every((r) => r === null)).toBe(true);
    expect(vi.mocked(passwords.verifyPassword).mock.calls.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.pairAttempts);
    // Even the right password is refused from the guessing address now, without being hashed.
    vi.mocked(passwords.verifyPassword).mockClear();
    expect(await signInWithPassword({ email: user.email, password }, '198.51.100.7')).toBeNull();
    expect(vi.mocked(passwords.verifyPassword)).not.toHaveBeenCalled();
    // The real user from their own address signs in.
    expect(await signInWithPassword({ email: user.email, password }, '203.0.113.20')).toMatchObject({ id: user.id, email: user.email });
  }, 120_000);

  it('unknown emails are throttled before any hashing too', async () => {
    await Promise.all(Array.from({ length: 12 }, () => signInWithPassword({ email: 'nobody@example.test', password: 'whatever' }, '198.51.100.8')));
    expect(vi.mocked(passwords.burnPasswordCheck).mock.calls.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.pairAttempts);
  }, 120_000);

  it('upgrades a hash made with older scrypt parameters at the next sign-in', async () => {
    const password = 'an-old-password-456';
    const salt = crypto.randomBytes(16);
    const old = crypto.scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const oldHash = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64'), old.toString('base64')].join('$');
    expect(passwords.needsRehash(oldHash)).toBe(true);
    const user = await seedWithPassword(password, oldHash);
    expect(await signInWithPassword({ email: user.email, password }, '203.0.113.30')).not.toBeNull();
    const [row] = await getDb().select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id));
    const stored = row.h!;
    expect(stored.startsWith(`scrypt$${2 ** 17}$8$1$`)).toBe(true);
    expect(passwords.needsRehash(stored)).toBe(false);
    expect(await signInWithPassword({ email: user.email, password }, '203.0.113.30')).not.toBeNull();
  }, 120_000);
});
