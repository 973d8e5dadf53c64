import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { authSettingsSchema } from './auth-settings-schema';
import { fillPlaceholders, fillUrlTemplate, placeholdersIn } from './fill-placeholders';

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

describe('fillUrlTemplate: parameters cannot move a URL to another host', () => {
  const fill = (template: string, parameters: Record<string, string>, allowedHosts: string[] = [], config: Record<string, string> = {}) =>
    fillUrlTemplate(template, { trusted: config, untrusted: parameters }, { field: 'token_url', allowedHosts });
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      if (isAppError(e)) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };

  it('lets a parameter fill a path, and builder config values fill anything', () => {
    expect(fill('https://login.example.test/{tenant}/token', { tenant: 'contoso' })).toBe('https://login.example.test/contoso/token');
    expect(fill('https://{domain}/token', {}, [], { domain: 'idp.builder.test' })).toBe('https://idp.builder.test/token');
  });

  it('refuses an Okta-style {domain} filled by a member unless the host is allowed', () => {
    const e = refusal(() => fill('https://{domain}/oauth2/v1/token', { domain: 'attacker.example' }));
    expect(e.code).toBe('bad_input');
    expect(e.fields?.token_url).toMatch(/may not change the scheme, host or port/);
    expect(fill('https://{domain}/oauth2/v1/token', { domain: 'acme.okta.com' }, ['*.okta.com'])).toBe('https://acme.okta.com/oauth2/v1/token');
    expect(refusal(() => fill('https://{domain}/oauth2/v1/token', { domain: 'okta.com.attacker.example' }, ['*.okta.com'])).fields?.token_url).toMatch(/not in the allowed hosts/);
    expect(refusal(() => fill('https://{tenant}.okta.com/token', { tenant: 'acme' })).code).toBe('bad_input');
    expect(fill('https://{tenant}.okta.com/token', { tenant: 'acme' }, ['*.okta.com'])).toBe('https://acme.okta.com/token');
  });

  it('a parameter cannot override a builder config value of the same name', () => {
    expect(fill('https://{domain}/token', { domain: 'attacker.example' }, [], { domain: 'idp.builder.test' })).toBe('https://idp.builder.test/token');
  });

  it('a value that makes an invalid URL is bad input, not a crash', () => {
    const e = refusal(() => fill('https://{domain}/token', { domain: 'a b' }, ['*.okta.com']));
    expect(e.code).toBe('bad_input');
    expect(e.fields?.token_url).toMatch(/Not a valid URL/);
  });
});

describe('allowed_hosts in auth settings', () => {
  it('accepts a list for every URL, per-URL lists or the editor’s comma-separated text, and refuses bad patterns', () => {
    expect(authSettingsSchema.parse({ allowed_hosts: ['*.okta.com'] }).allowed_hosts).toEqual({ server_url: ['*.okta.com'], token_url: ['*.okta.com'], authorization_url: ['*.okta.com'], idp_url: ['*.okta.com'] });
    expect(authSettingsSchema.parse({ allowed_hosts: { token_url: '*.okta.com, idp.example.com', server_url: '' } }).allowed_hosts).toEqual({ token_url: ['*.okta.com', 'idp.example.com'] });
    expect(authSettingsSchema.parse({ allowed_hosts: { token_url: '' } }).allowed_hosts).toBeUndefined();
    expect(authSettingsSchema.safeParse({ allowed_hosts: ['*.com'] }).success).toBe(false);
    expect(authSettingsSchema.safeParse({ allowed_hosts: { token_uri: ['x.test'] } }).success).toBe(false);
  });
});
