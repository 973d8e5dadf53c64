import { describe, expect, it } from 'vitest';
import { mergeParameters } from '@/lib/credentials/parameter-values';
import { requestToken } from '@/lib/oauth/token-endpoint';
import { isAppError } from '@/lib/errors';
import { connectionSchema } from './connection-schema';
import { parseCredentialsInput } from './credentials-schema';
import { fillPlaceholders } from './fill-placeholders';
import { keyValueRecord, tokenEntriesSchema } from './value-schemas';

const issuesOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('token_entries validation', () => {
  it('refuses CR/LF in values (any location) with a field error that does not quote the value', () => {
    const result = parseCredentialsInput('oauth_auth_client_credentials_flow', {
      client_id: 'c',
      token_url: 'https://idp.example.com/token',
      token_entries: ['header:X-Tenant=acme\r\nX-Injected: secret-ish', 'body:audience=ok'],
    });
    expect(result.success).toBe(false);
    const issues = issuesOf(result);
    expect(issues).toEqual([expect.stringMatching(/^token_entries\.0: The value of "X-Tenant" cannot contain line breaks/)]);
    expect(issues.join()).not.toContain('secret-ish');
    expect(tokenEntriesSchema.safeParse([{ location: 'query', key: 'a', value: 'x\ny' }]).success).toBe(false);
  });

  it.each(['Authorization', 'content-length', 'Transfer-Encoding', 'HOST', 'Connection'])('refuses the reserved header %s', (name) => {
    const result = tokenEntriesSchema.safeParse([`header:${name}=x`]);
    expect(result.success).toBe(false);
    expect(issuesOf(result)[0]).toMatch(/set by the console itself/);
    // The same name is fine as a body or query parameter.
    expect(tokenEntriesSchema.safeParse([`body:${name}=x`]).success).toBe(true);
  });

  it('refuses header names that are not HTTP tokens, and bad builder headers in idp_config/app_config', () => {
    expect(issuesOf(tokenEntriesSchema.safeParse([{ location: 'header', key: 'Bad Header', value: 'x' }]))[0]).toMatch(/not a valid header name/);
    const env = connectionSchema.safeParse({ app_id: 'hdrs', environments: { draft: { kind: 'bearer', app_config: { header: { 'X-Ok': 'a\r\nb' } } } } });
    expect(env.success).toBe(false);
    expect(issuesOf(env)[0]).toMatch(/app_config\.header\.X-Ok: The value of "X-Ok" cannot contain line breaks/);
  });

  it('a bad header stored before validation is refused before sending, without its value in the error', async () => {
    const secret = 'stored-secret-value';
    const error = await requestToken(
      { tokenUrl: 'https://idp.example.com/token', clientId: 'c', tokenEntries: [{ location: 'header', key: 'X-Key', value: `${secret}\r\nHost: evil` }], contentType: 'application/x-www-form-urlencoded', responseTokenKey: 'access_token' },
      'client_credentials',
      {},
    ).then(() => undefined, (e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('bad_input');
    expect(JSON.stringify({ message: (error as Error).message, fields: (error as { fields?: unknown }).fields })).not.toContain(secret);
  });
});

describe('key/value maps take any key as an ordinary key', () => {
  it('constructor, toString and __proto__ are keys, not duplicates, and never touch the prototype', () => {
    const fromList = keyValueRecord.parse(['constructor=1', 'toString=2', '__proto__=3', 'hasOwnProperty=4']);
    expect(Object.keys(fromList)).toEqual(['constructor', 'toString', '__proto__', 'hasOwnProperty']);
    expect(Object.getPrototypeOf(fromList)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(fromList, '__proto__')?.value).toBe('3');
    const fromJson = keyValueRecord.parse(JSON.parse('{"__proto__":"p","constructor":"c"}'));
    expect(Object.keys(fromJson).sort()).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(fromJson)).toBe('{"__proto__":"p","constructor":"c"}');
    expect(keyValueRecord.safeParse(['constructor=1', 'constructor=2']).success).toBe(false);
  });

  it('a parameter named constructor is required like any other, and fills a placeholder only with its own value', () => {
    const errors: Record<string, string> = {};
    const out = mergeParameters([{ key: 'constructor', label: 'Constructor', type: 'text' }], {}, { public: {}, secret: {} }, errors);
    expect(errors).toEqual({ 'parameters.constructor': 'Constructor is required.' });
    expect(Object.keys(out.public)).toEqual([]);
    const filled = mergeParameters([{ key: '__proto__', label: 'Proto', type: 'text' }], JSON.parse('{"__proto__":"v"}'), { public: {}, secret: {} }, {});
    expect(Object.getOwnPropertyDescriptor(filled.public, '__proto__')?.value).toBe('v');
    expect(() => fillPlaceholders('https://x.test/{constructor}', {}, 'token_url')).toThrow(/needs a value for \{constructor\}/);
  });
});
