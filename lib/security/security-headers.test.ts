import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, hasBypassHeader, needsNoStore, transportSecurityHeaders } from './security-headers';

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('security headers', () => {
  it('a production CSP allows scripts and styles only by nonce, with no inline or eval', () => {
    const csp = contentSecurityPolicy('abc123');
    const d = directives(csp);
    expect(d['script-src']).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d['style-src']).toEqual(["'self'", "'nonce-abc123'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    expect(d['form-action']).toEqual(["'self'"]);
    expect('upgrade-insecure-requests' in d).toBe(false);
    expect('upgrade-insecure-requests' in directives(contentSecurityPolicy('n', { https: true }))).toBe(true);
  });

  it('nonces are fresh and 128 bits', () => {
    const a = createNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });

  it('refuses middleware bypass headers and marks console answers no-store', () => {
    expect(hasBypassHeader(new Headers({ 'x-middleware-subrequest': 'middleware' }))).toBe(true);
    expect(hasBypassHeader(new Headers({ accept: 'text/html' }))).toBe(false);
    for (const p of ['/connections', '/connections/x', '/settings/api-keys', '/api/v1/connections', '/audit', '/users']) expect(needsNoStore(p)).toBe(true);
    expect(needsNoStore('/login')).toBe(false);
  });
});

describe('HSTS', () => {
  const original = process.env.APP_URL;
  const answer = async (appUrl: string | undefined, url: string) => {
    if (appUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = appUrl;
    try {
      const { proxy } = await import('@/proxy');
      const { NextRequest } = await import('next/server');
      return proxy(new NextRequest(url)).headers;
    } finally {
      if (original === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = original;
    }
  };

  it('is sent on every answer when APP_URL is https', async () => {
    const headers = await answer('https://console.example.com', 'https://console.example.com/connections');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(transportSecurityHeaders('https://console.example.com')).toEqual({ 'strict-transport-security': 'max-age=31536000; includeSubDomains' });
  });

  it('is not sent when APP_URL is plain http', async () => {
    expect((await answer('http://localhost:3000', 'http://localhost:3000/connections')).get('strict-transport-security')).toBeNull();
    expect(transportSecurityHeaders(undefined)).toEqual({});
  });
});
