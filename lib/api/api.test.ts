import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { errorResponse } from './api-response';
import { authenticateRequest, refuseCredentialInQuery } from './authenticate-request';
import { buildOpenApiDocument } from './openapi';
import type { ApiRequest } from './api-request';

function request(url: string, headers: Record<string, string> = {}, method = 'GET'): ApiRequest {
  return { method, url: new URL(url), header: (name) => headers[name.toLowerCase()], readBody: async () => '' };
}

describe('API boundary', () => {
  it('maps errors to the SPEC shape, with Retry-After for rate limits and connect_url for 428', () => {
    const limited = errorResponse(new AppError('rate_limited', 'Slow down.', undefined, { retryAfterSeconds: 7 }));
    expect(limited.status).toBe(429);
    expect(limited.headers).toEqual({ 'retry-after': '7' });
    expect(JSON.parse(limited.body)).toEqual({ error: { code: 'rate_limited', message: 'Slow down.', fields: {} } });
    const connect = errorResponse(new AppError('member_must_connect', 'Connect first.', undefined, { connect_url: 'http://x/c' }));
    expect(connect.status).toBe(428);
    expect(JSON.parse(connect.body).error.connect_url).toBe('http://x/c');
    const internal = errorResponse(new Error('database path /secret/x'));
    expect(internal.status).toBe(500);
    expect(internal.body).not.toContain('/secret/x');
  });

  it('refuses credentials in the query string, by name or by shape', () => {
    for (const q of ['api_key=x', 'KEY=x', 'access_token=x', 'token=x', 'other=cmk_abcdef']) {
      expect(() => refuseCredentialInQuery(new URL(`http://h/api/v1/connections?${q}`))).toThrow(/never accepted in the URL/);
    }
    expect(() => refuseCredentialInQuery(new URL('http://h/api/v1/connections?limit=5&cursor=abc&user=a@b.c'))).not.toThrow();
  });

  it('never falls back to the session when a bearer key is given, and refuses cross-site cookie writes', async () => {
    const session = async () => ({ id: 'u1', email: 'a@example.test', role: 'admin' as const, via: 'session' as const });
    await expect(authenticateRequest(request('http://h/x', { authorization: 'Bearer cmk_wrongwrongwrong' }), session)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticateRequest(request('http://h/x', { authorization: 'Basic abc' }), session)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticateRequest(request('http://h/x'), async () => null)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticateRequest(request('http://h/x', { origin: 'https://evil.example', 'content-type': 'application/json' }, 'POST'), session)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(authenticateRequest(request('http://h/x', { 'content-type': 'text/plain' }, 'POST'), session)).rejects.toMatchObject({ code: 'bad_input' });
    await expect(authenticateRequest(request('http://h/x', { origin: 'http://h', 'content-type': 'application/json' }, 'POST'), session)).resolves.toMatchObject({ id: 'u1' });
  });

  it('generates OpenAPI 3.1 from the zod schemas', () => {
    const doc = buildOpenApiDocument('http://localhost:3000');
    expect(doc.openapi).toBe('3.1.0');
    const input = doc.components.schemas.ConnectionInput as { properties: Record<string, { pattern?: string }>; required: string[] };
    expect(input.required).toContain('app_id');
    expect(input.properties.app_id.pattern).toBe('^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$');
    expect(JSON.stringify(doc.components.schemas.CredentialsInput)).toContain('"token_entries"');
    expect(JSON.stringify(doc.components.schemas.Error)).toContain('member_must_connect');
    expect(() => JSON.stringify(doc)).not.toThrow();
  });
});
