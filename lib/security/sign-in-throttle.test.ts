import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { clientIp, CLIENT_IP_HEADER } from './client-ip';
import { recordSuccessfulSignIn, resetSignInThrottleForTests, SIGN_IN_LIMITS, signInBlocked, takeSignInAttempt, tooManyAttemptsMessage } from '@/lib/security/sign-in-throttle';

afterEach(async () => {
  await resetSignInThrottleForTests();
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
});

const take = async (email: string, ip: string, now?: number) => (await takeSignInAttempt(email, ip, now)).ok;

/** Starts `processes` guessers on this test's database; once all are up they take `each` attempts at once. */
async function guessFromProcesses(processes: number, each: number, email: string, ip: string) {
  const root = path.resolve(import.meta.dirname, '../..');
  const goFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cm-throttle-')), 'go');
  const children = Array.from({ length: processes }, () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/run-ts.mjs'), 'test/sign-in-throttle.fixture.ts', email, ip, String(each), goFile], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const done = new Promise<{ taken: number; refused: number }>((resolve, reject) =>
      child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`guesser exited with ${code}: ${err}`)))),
    );
    return { child, done };
  });
  const ready = () => fs.readdirSync(path.dirname(goFile)).filter((f) => f.startsWith('go.ready.')).length;
  const deadline = Date.now() + 60_000;
  while (ready() < processes) {
    if (Date.now() > deadline || children.some((c) => c.child.exitCode !== null)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  fs.writeFileSync(goFile, '');
  try {
    return await Promise.all(children.map((c) => c.done));
  } finally {
    fs.rmSync(path.dirname(goFile), { recursive: true, force: true });
  }
}

describe('sign-in throttle (database-backed)', () => {
  it('blocks an (email, address) pair after its attempts, whatever the case of the email, but not the same email elsewhere', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts; i++) expect(await take('Alice@Example.test', '10.0.0.1')).toBe(true);
    expect(await take('alice@example.test', '10.0.0.1')).toBe(false);
    const wait = await signInBlocked('alice@example.test', '10.0.0.1');
    expect(wait).toBeGreaterThan(30);
    expect(tooManyAttemptsMessage(wait!)).toMatch(/^Too many attempts, try again in \d+ seconds\.$/);
    // The real user, from their own address, is not locked out.
    expect(await signInBlocked('alice@example.test', '10.0.0.2')).toBeNull();
    expect(await take('alice@example.test', '10.0.0.2')).toBe(true);
    expect(await take('bob@example.test', '10.0.0.1')).toBe(true);
  });

  it('backs off exponentially: each attempt after the limit doubles the wait', async () => {
    const start = 1_000_000_000_000;
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts; i++) await take('dan@example.test', '10.1.0.1', start);
    const first = (await signInBlocked('dan@example.test', '10.1.0.1', start))!;
    expect(first).toBe(SIGN_IN_LIMITS.backoffBaseMs / 1000);
    const later = start + SIGN_IN_LIMITS.backoffBaseMs + 1;
    expect(await take('dan@example.test', '10.1.0.1', later)).toBe(true);
    expect(await signInBlocked('dan@example.test', '10.1.0.1', later)).toBe((2 * SIGN_IN_LIMITS.backoffBaseMs) / 1000);
  });

  it('keeps a high per-email ceiling across addresses', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.emailCeiling; i++) expect(await take('erin@example.test', `10.2.${i >> 8}.${i & 255}`)).toBe(true);
    expect(await take('erin@example.test', '10.3.0.1')).toBe(false);
    expect(await take('someone-else@example.test', '10.3.0.1')).toBe(true);
  });

  it('a success clears the pair and gives the attempt back to the ceilings', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts - 1; i++) await take('carol@example.test', '192.0.2.1');
    await recordSuccessfulSignIn('carol@example.test', '192.0.2.1');
    for (let i = 0; i < SIGN_IN_LIMITS.pairAttempts - 1; i++) expect(await take('carol@example.test', '192.0.2.1')).toBe(true);
    expect(await signInBlocked('carol@example.test', '192.0.2.1')).toBeNull();
  });

  it('30 parallel attempts in one process take exactly the limit', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => take('frank@example.test', '10.4.0.1')));
    expect(results.filter(Boolean)).toHaveLength(SIGN_IN_LIMITS.pairAttempts);
  });

  it('30 parallel attempts from three processes on the same database take exactly the limit', async () => {
    const counts = await guessFromProcesses(3, 10, 'grace@example.test', '10.5.0.1');
    expect(counts.reduce((n, c) => n + c.taken + c.refused, 0)).toBe(30);
    expect(counts.reduce((n, c) => n + c.taken, 0)).toBe(SIGN_IN_LIMITS.pairAttempts);
    // And this process sees the block the others left.
    expect(await signInBlocked('grace@example.test', '10.5.0.1')).toBeGreaterThan(30);
  }, 120_000);
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
