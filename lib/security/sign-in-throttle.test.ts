import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { resetRateLimitsForTests } from './rate-limit';
import { clientIp, CLIENT_IP_HEADER } from './client-ip';
import { recordFailedSignIn, recordSuccessfulSignIn, SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP, signInBlocked, tooManyAttemptsMessage } from './sign-in-throttle';

afterEach(() => {
  resetRateLimitsForTests();
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
});

describe('sign-in throttle', () => {
  it('blocks an email after its failed attempts, whatever the case of the address', () => {
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit; i++) {
      expect(signInBlocked('Alice@Example.test', `10.0.0.${i}`)).toBeNull();
      recordFailedSignIn('Alice@Example.test', `10.0.0.${i}`);
    }
    const wait = signInBlocked('alice@example.test', '10.9.9.9');
    expect(wait).toBeGreaterThan(60);
    expect(signInBlocked('bob@example.test', '10.9.9.9')).toBeNull();
    expect(tooManyAttemptsMessage(wait!)).toMatch(/^Too many attempts, try again in \d+ seconds\.$/);
  });

  it('blocks an address trying many accounts', () => {
    for (let i = 0; i < SIGN_IN_PER_IP.limit; i++) recordFailedSignIn(`user${i}@example.test`, '192.0.2.7');
    expect(signInBlocked('someone-new@example.test', '192.0.2.7')).toBeGreaterThan(0);
    expect(signInBlocked('someone-new@example.test', '192.0.2.8')).toBeNull();
  });

  it('a success clears the email count', () => {
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit - 1; i++) recordFailedSignIn('carol@example.test', '192.0.2.1');
    recordSuccessfulSignIn('carol@example.test');
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit - 1; i++) recordFailedSignIn('carol@example.test', '192.0.2.1');
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
