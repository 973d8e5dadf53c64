import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { assertOutboundUrl, hostAllowed, isBlockedAddress, outboundFetch } from './outbound';

// A local server whose routes count their hits: a redirect target that must never be reached,
// a hanging endpoint for the timeout, and a plain answer.
let hits: Record<string, number> = {};
let base = '';
const server = http.createServer((req, res) => {
  const path = req.url ?? '/';
  hits[path] = (hits[path] ?? 0) + 1;
  if (path === '/redirect') return void res.writeHead(302, { location: `${base}/target` }).end();
  if (path === '/hang') return; // never answers
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  hits = {};
  delete process.env.OUTBOUND_ALLOWLIST;
  delete process.env.OUTBOUND_TIMEOUT_MS;
  delete process.env.OUTBOUND_BLOCK_PRIVATE;
  delete process.env.APP_URL;
  process.env.OUTBOUND_ALLOW_LOOPBACK = '1';
  resetEnvForTests();
});

function withEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('assertOutboundUrl', () => {
  it.each([
    ['file:///etc/passwd', 'file:'],
    ['javascript:alert(1)', 'javascript:'],
    ['data:text/plain,hello', 'data:'],
    ['ftp://files.example.com/token', 'ftp:'],
    ['gopher://example.com/', 'gopher:'],
  ])('refuses %s with a clear message naming the scheme', (url, scheme) => {
    const e = refusal(() => assertOutboundUrl(url, 'token_url'));
    expect(e.code).toBe('bad_input');
    expect(e.message).toContain('http(s)');
    expect(e.message).toContain(scheme);
    expect(e.fields).toHaveProperty('token_url');
  });

  it('refuses what is not a URL, and credentials inside the URL', () => {
    expect(refusal(() => assertOutboundUrl('not a url', 'token_url')).message).toMatch(/not a valid URL/);
    expect(refusal(() => assertOutboundUrl('https://user:pw@idp.example.com/token')).message).toMatch(/credentials/);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.0.1/',
    'http://[fd00:ec2::254]/',
    'http://[fd00:0ec2:0::254]/',
    'http://[::ffff:169.254.169.254]/',
    'http://0xa9fea9fe/',
    'http://2852039166/',
    'http://[fe80::1]/',
  ])('refuses the link-local or metadata address %s', (url) => {
    expect(refusal(() => assertOutboundUrl(url)).message).toMatch(/link-local or metadata/);
  });

  it('refuses loopback, unspecified addresses and the console itself by default', () => {
    withEnv({ OUTBOUND_ALLOW_LOOPBACK: undefined, APP_URL: 'https://console.example.com' });
    for (const url of ['http://127.0.0.1:3299/token', 'http://127.1/token', 'http://[::1]/token', 'http://[::ffff:127.0.0.1]/token']) {
      expect(refusal(() => assertOutboundUrl(url, 'token_url')).message, url).toMatch(/loopback address/);
    }
    for (const url of ['http://0.0.0.0:3000/token', 'http://0/token', 'http://[::]/token']) {
      expect(refusal(() => assertOutboundUrl(url)).message, url).toMatch(/unspecified address/);
    }
    expect(refusal(() => assertOutboundUrl('https://console.example.com/api/v1/connections')).message).toMatch(/this console itself/);
    expect(assertOutboundUrl('https://login.example.com/oauth2/token').hostname).toBe('login.example.com');
  });

  it('allows loopback with OUTBOUND_ALLOW_LOOPBACK=1 (tests, local IdPs)', () => {
    withEnv({ OUTBOUND_ALLOW_LOOPBACK: '1' });
    expect(assertOutboundUrl('http://127.0.0.1:3299/token').host).toBe('127.0.0.1:3299');
  });

  it('allows private ranges by default and refuses them with OUTBOUND_BLOCK_PRIVATE=1', () => {
    withEnv({ OUTBOUND_ALLOW_LOOPBACK: undefined });
    expect(assertOutboundUrl('https://10.1.2.3/token').hostname).toBe('10.1.2.3');
    expect(assertOutboundUrl('https://192.168.1.10/token').hostname).toBe('192.168.1.10');
    withEnv({ OUTBOUND_BLOCK_PRIVATE: '1' });
    for (const url of ['https://10.1.2.3/token', 'https://172.20.0.1/token', 'https://192.168.1.10/token', 'https://[fd12::1]/token']) {
      expect(refusal(() => assertOutboundUrl(url)).message, url).toMatch(/private address/);
    }
    expect(assertOutboundUrl('https://login.example.com/oauth2/token').hostname).toBe('login.example.com');
  });

  it('honours OUTBOUND_ALLOWLIST, with *.domain matching subdomains only', () => {
    process.env.OUTBOUND_ALLOWLIST = '*.example.com, 127.0.0.1';
    resetEnvForTests();
    expect(assertOutboundUrl('https://login.example.com/token').hostname).toBe('login.example.com');
    expect(assertOutboundUrl('http://127.0.0.1:9/token').hostname).toBe('127.0.0.1');
    for (const url of ['https://example.com.evil.test/token', 'https://evilexample.com/token', 'https://other.test/token']) {
      expect(refusal(() => assertOutboundUrl(url)).message).toMatch(/OUTBOUND_ALLOWLIST/);
    }
    expect(hostAllowed('example.com', ['*.example.com'])).toBe(false);
  });
});

describe('isBlockedAddress (the check on resolved addresses)', () => {
  it.each([
    ['169.254.169.254', true],
    ['169.254.1.2', true],
    ['::ffff:169.254.169.254', true],
    ['::ffff:a9fe:a9fe', true],
    ['fd00:ec2::254', true],
    ['fe80::1', true],
    ['127.0.0.1', false],
    ['::1', false],
    ['10.0.0.1', false],
    ['93.184.216.34', false],
  ])('%s -> %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});

describe('outboundFetch', () => {
  it('answers from a loopback server', async () => {
    const response = await outboundFetch(`${base}/plain`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('never follows a redirect: the 3xx comes back and the target is not contacted', async () => {
    const response = await outboundFetch(`${base}/redirect`, { method: 'POST', body: 'client_secret=s3cret' });
    expect(response.status).toBe(302);
    expect(hits['/redirect']).toBe(1);
    expect(hits['/target']).toBeUndefined();
  });

  it('gives up after OUTBOUND_TIMEOUT_MS with a provider_failed error', async () => {
    process.env.OUTBOUND_TIMEOUT_MS = '300';
    resetEnvForTests();
    const started = Date.now();
    const e = await outboundFetch(`${base}/hang`).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('provider_failed');
    expect((e as AppError).message).toMatch(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a name that resolves to loopback unless loopback is allowed', async () => {
    const port = new URL(base).port;
    withEnv({ OUTBOUND_ALLOW_LOOPBACK: undefined });
    const e = await outboundFetch(`http://localhost:${port}/plain`).then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toMatch(/resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(hits['/plain']).toBeUndefined();
    withEnv({ OUTBOUND_ALLOW_LOOPBACK: '1' });
    expect((await outboundFetch(`http://localhost:${port}/plain`)).status).toBe(200);
  });

  it('checks the addresses a host name resolves to at connect time, not just the name', async () => {
    // DNS cannot be configured here, so the resolver answers as a rebinding attacker's would: a
    // harmless name whose answers include the metadata service. Loopback comes first, so if the
    // guard ever broke, the request would reach the local server (and this test fail) without any
    // packet leaving the machine.
    const realLookup = dns.lookup;
    const spy = vi.spyOn(dns, 'lookup').mockImplementation(((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
      if (hostname === 'metadata.rebind.test') {
        return callback(null, [
          { address: '127.0.0.1', family: 4 },
          { address: '169.254.169.254', family: 4 },
        ]);
      }
      return (realLookup as unknown as (...args: unknown[]) => void)(hostname, options, callback);
    }) as never);
    try {
      const port = new URL(base).port;
      const e = await outboundFetch(`http://metadata.rebind.test:${port}/plain`).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toMatch(/169\.254\.169\.254, a link-local or metadata address/);
      expect(hits['/plain']).toBeUndefined();
      const ok = await outboundFetch(`http://localhost:${port}/plain`);
      expect(ok.status).toBe(200);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a non-http(s) URL before any request', async () => {
    await expect(outboundFetch('file:///etc/passwd')).rejects.toThrow(/http\(s\)/);
  });
});
