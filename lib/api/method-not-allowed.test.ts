import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorSchema } from './response-schemas';
import { allowHeader, otherMethods } from './method-not-allowed';

describe('otherMethods', () => {
  it('answers every method a route does not serve with 405 in the API error shape and an Allow header', async () => {
    const handlers = otherMethods('GET', 'POST');
    expect(Object.keys(handlers).sort()).toEqual(['DELETE', 'OPTIONS', 'PATCH', 'PUT']);
    const response = handlers.PATCH(new Request('http://localhost/api/v1/connections', { method: 'PATCH' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = errorSchema.parse(await response.json());
    expect(body.error).toEqual({ code: 'method_not_allowed', message: 'PATCH is not supported on this route. Allowed: GET, HEAD, POST, OPTIONS.', fields: {} });
  });

  it('lists only the served methods on OPTIONS, and no HEAD without GET', () => {
    const options = otherMethods('PUT').OPTIONS(new Request('http://localhost/x', { method: 'OPTIONS' }));
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('PUT, OPTIONS');
    expect(allowHeader(['DELETE', 'GET', 'PUT'])).toBe('GET, HEAD, PUT, DELETE, OPTIONS');
  });

  it('is used by every /api/v1 route file, so each one answers every method', () => {
    const root = path.resolve(import.meta.dirname, '../../app/api/v1');
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts') && !f.includes('[...path]'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      const exported = [...source.matchAll(/export const (?:\{([^}]+)\}|(\w+))/g)].flatMap((m) => (m[1] ? m[1].split(',') : [m[2]]).map((n) => n.trim()));
      expect(exported.filter((n) => n !== 'dynamic').sort(), file).toEqual(['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    }
  });
});
