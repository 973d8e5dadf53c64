import { describe, expect, it } from 'vitest';
import { parseCredentialsInput } from './credentials-schema';
import { KINDS, type Kind } from './kinds';

const valid: Record<Kind, Record<string, unknown>> = {
  basic: { username: 'u', password: 'p' },
  bearer: { token: 't' },
  api_key: { api_key: 'k' },
  key_value: { entries: ['a=1', 'b=x=y'] },
  oauth_auth_code_flow: {
    client_id: 'c', client_secret: 's', authorization_url: 'https://idp.test/authorize', token_url: 'https://idp.test/token',
    scope: 'openid,offline_access', send_via: 'header', token_entries: ['body:audience=api', 'x-tenant=t1'], auth_entries: ['prompt=consent'],
  },
  oauth_auth_client_credentials_flow: { client_id: 'c', client_secret: 's', token_url: 'https://idp.test/token', scope: ['a', 'b'], send_via: 'body' },
  oauth_auth_password_flow: { client_id: 'c', username: 'u', password: 'p', token_url: 'https://idp.test/token' },
  oauth_auth_token_exchange_flow: { client_id: 'c', token_url: 'https://idp.test/token', grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange' },
  oauth_auth_on_behalf_of_flow: {
    identity_provider: { url: 'https://login.test/token', client_id: 'idp', client_secret: 's', scope: 'api', grant_type: 'urn:x' },
    client_id: 'app', token_url: 'https://app.test/token',
  },
  oauth_auth_direct_access_flow: {},
  oauth_auth_implicit_flow: {},
};

describe('credentials schema', () => {
  it.each(KINDS)('accepts the SPEC §2 fields of %s', (kind) => {
    const result = parseCredentialsInput(kind, valid[kind]);
    expect(result.success, JSON.stringify(!result.success && result.error.issues)).toBe(true);
    expect(result.data?.kind).toBe(kind);
  });

  it.each(KINDS)('rejects an unknown field on %s', (kind) => {
    const result = parseCredentialsInput(kind, { ...valid[kind], passwrod: 'typo' });
    expect(result.success).toBe(false);
  });

  it('normalizes entries, scopes and token entries', () => {
    const code = parseCredentialsInput('oauth_auth_code_flow', valid.oauth_auth_code_flow);
    expect(code.data).toMatchObject({
      scope: ['openid', 'offline_access'],
      token_entries: [
        { location: 'body', key: 'audience', value: 'api' },
        { location: 'header', key: 'x-tenant', value: 't1' },
      ],
      auth_entries: [{ location: 'query', key: 'prompt', value: 'consent' }],
    });
    expect(parseCredentialsInput('key_value', valid.key_value).data?.entries).toEqual({ a: '1', b: 'x=y' });
  });

  it('flattens the nested identity provider of on-behalf-of', () => {
    const obo = parseCredentialsInput('oauth_auth_on_behalf_of_flow', valid.oauth_auth_on_behalf_of_flow);
    expect(obo.data).toMatchObject({ idp_url: 'https://login.test/token', idp_client_id: 'idp', idp_scope: ['api'], client_id: 'app' });
  });

  it.each([
    ['token_url', { client_id: 'c', client_secret: 's', token_url: 'javascript:alert(1)' }, 'oauth_auth_client_credentials_flow'],
    ['token_url', { client_id: 'c', client_secret: 's', token_url: 'file:///etc/passwd' }, 'oauth_auth_client_credentials_flow'],
    ['send_via', { client_id: 'c', send_via: 'cookie' }, 'oauth_auth_client_credentials_flow'],
    ['token_entries.0', { client_id: 'c', token_entries: ['cookie:a=b'] }, 'oauth_auth_client_credentials_flow'],
    ['auth_entries.0', { auth_entries: ['header:a=b'] }, 'oauth_auth_code_flow'],
    ['entries.0', { entries: ['novalue'] }, 'key_value'],
    ['entries.1', { entries: ['a=1', 'a=2'] }, 'key_value'],
    ['password', { password: 'x'.repeat(20_000) }, 'basic'],
  ] as const)('rejects a bad %s with a message on that field', (path, body, kind) => {
    const result = parseCredentialsInput(kind, body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('treats an empty secret as "keep" and null as "clear"', () => {
    expect(parseCredentialsInput('bearer', { token: '' }).data?.token).toBeUndefined();
    expect(parseCredentialsInput('bearer', { token: null }).data?.token).toBeNull();
  });

  it('keeps an omitted non-secret field out of the input, and turns blank or null into null (clear)', () => {
    const parsed = parseCredentialsInput('oauth_auth_client_credentials_flow', { client_id: '  ', scope: '', send_via: null, token_entries: [] }).data!;
    expect(parsed).toMatchObject({ client_id: null, scope: null, send_via: null, token_entries: null });
    expect('token_url' in parsed).toBe(false);
    expect(parseCredentialsInput('basic', { username: ' svc ' }).data?.username).toBe('svc');
  });

  it('accepts kind aliases', () => {
    expect(parseCredentialsInput('kv' as Kind, { entries: { a: 'b' } }).data?.kind).toBe('key_value');
  });
});
