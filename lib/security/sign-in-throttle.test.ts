import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { clientIp, CLIENT_IP_HEADER } from './client-ip';
import { recordSuccessfulSignIn, resetSignInThrottleForTests, SIGN_IN_LIMITS, signInBlocked, takeSignInAttempt, tooManyAttemptsMessage } from './sign-in-throttle';

afterEach(() => {
  resetSignInThrottleForTests();
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
});

const take = (email: string, ip: string, now?: number) => takeSignInAttempt(email, ip, now).ok;

describe('sign-in throttle (database-backed)', () => {
  it('blocks an (email, address) pair after its attempts, whatever the case of the email, but not the same email elsewhere', () => {
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts; i++) expect(take('Alice@Example.test', '10.0.0.1')).toBe(true);
    expect(take('alice@example.test', '10.0.0.1')).toBe(false);
    const wait = signInBlocked('alice@example.test', '10.0.0.1');
    expect(wait).toBeGreaterThan(30);
    expect(tooManyAttemptsMessage(wait!)).toMatch(/^Too many attempts, try again in \d+ seconds\.$/);
    // The real user, from their own address, is not locked out.
    expect(signInBlocked('alice@example.test', '10.0.0.2')).toBeNull();
    expect(take('alice@example.test', '10.0.0.2')).toBe(true);
    expect(take('bob@example.test', '10.0.0.1')).toBe(true);
  });

  it('backs off exponentially: each attempt after the limit doubles the wait', () => {
    const start = 1_000_000_000_000;
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts; i++) take('dan@example.test', '10.1.0.1', start);
    const first = signInBlocked('dan@example.test', '10.1.0.1', start)!;
    expect(first).toBe(SIGN_IN_LIMITS.backoffBaseMs / 1000);
    const later = start + SIGN_IN_LIMITS.backoffBaseMs + 1;
    expect(take('dan@example.test', '10.1.0.1', later)).toBe(true);
    expect(signInBlocked('dan@example.test', '10.1.0.1', later)).toBe((2 * SIGN_IN_LIMITS.backoffBaseMs) / 1000);
  });

  it('keeps a high per-email ceiling across addresses', () => {
    for (let i = 0; i < SIGN_IN_LIMITS.emailCeiling; i++) expect(take('erin@example.test', `10.2.${i >> 8}.${i & 255}`)).toBe(true);
    expect(take('erin@example.test', '10.3.0.1')).toBe(false);
    expect(take('someone-else@example.test', '10.3.0.1')).toBe(true);
  });

  it('a success clears the pair and gives the attempt back to the ceilings', () => {
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts - 1; i++) take('carol@example.test', '192.0.2.1');
    recordSuccessfulSignIn('carol@example.test', '192.0.2.1');
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts - 1; i++) expect(take('carol@example.test', '192.0.2.1')).toBe(true);
    expect(signInBlocked('carol@example.test', '192.0.2.1')).toBeNull();
  });
});

describe('clientIp', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('uses the socket address the server set, never a client-sent x-forwarded-for', () => {
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: '127.0.0.1', 'x-forwarded-for': '203.0.113.9' }))).toBe('127.0.0.1');
    expect(clientIp(headers({}))).toBe('unknown');
  });

  it('behind a trusted proxy, takes the address that proxy appended', () => {
    process.env.TRUST_PROXY = '1';
    resetEnvForTests();
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: '10.0.0.2', 'x-forwarded-for': '203.0.113.9, 198.51.100.4' }))).toBe('198.51.100.4');
  });
});
