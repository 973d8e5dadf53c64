import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { fillPlaceholders, placeholdersIn } from './fill-placeholders';

describe('fillPlaceholders', () => {
  it('fills an Azure tenant into a token URL', () => {
    const url = fillPlaceholders('https://login.example.test/{tenant}/oauth2/v2.0/token', { tenant: 'contoso-42' });
    expect(url).toBe('https://login.example.test/contoso-42/oauth2/v2.0/token');
  });

  it('fills several keys and repeats', () => {
    expect(fillPlaceholders('https://{region}.example.test/{ver}/{region}', { region: 'eu', ver: '2024-01' })).toBe(
      'https://eu.example.test/2024-01/eu',
    );
  });

  it('encodes values so they cannot change the URL structure', () => {
    expect(fillPlaceholders('https://x.test/{tenant}/token', { tenant: 'a/b?c=d#e' })).toBe('https://x.test/a%2Fb%3Fc%3Dd%23e/token');
  });

  it('keeps a port in the host part, and only there', () => {
    expect(fillPlaceholders('http://{host}/oauth/{host}', { host: '127.0.0.1:8443' })).toBe('http://127.0.0.1:8443/oauth/127.0.0.1%3A8443');
    expect(fillPlaceholders('https://{host}', { host: 'a.test:1/evil' })).toBe('https://a.test:1%2Fevil');
  });

  it('leaves URLs without placeholders untouched', () => {
    expect(fillPlaceholders('https://x.test/token', {})).toBe('https://x.test/token');
  });

  it('names every unfilled placeholder and the field', () => {
    try {
      fillPlaceholders('https://x.test/{tenant}/{region}', { region: '' }, 'token_url');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e)).toBe(true);
      expect((e as Error).message).toContain('{tenant}, {region}');
      expect((e as { fields?: Record<string, string> }).fields?.token_url).toMatch(/tenant/);
    }
  });

  it('lists placeholders once each', () => {
    expect(placeholdersIn('https://{a}.test/{b}/{a}')).toEqual(['a', 'b']);
  });
});
