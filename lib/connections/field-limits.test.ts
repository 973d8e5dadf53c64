import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from '@/lib/errors';
import { connectionSchema } from './connection-schema';
import { parseCredentialsInput } from './credentials-schema';
import { KIND_REGISTRY, KINDS } from './kinds';

/** A 1 MB value in any field is a clear per-field error, found fast, never stored. */
const MB = 'x'.repeat(1024 * 1024);

function fieldErrors(result: { success: boolean; error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }) {
  expect(result.success).toBe(false);
  return zodFieldErrors(result.error!.issues);
}

describe('field length limits', () => {
  for (const kind of KINDS) {
    for (const field of KIND_REGISTRY[kind].fields) {
      it(`${kind}.${field.name}: a 1 MB value is refused on that field`, () => {
        const value = field.input === 'url' ? `https://example.test/${MB}` : field.input === 'entries' ? { big: MB } : field.input === 'token_entries' || field.input === 'auth_entries' ? [`query:big=${MB}`] : MB;
        const started = performance.now();
        const errors = fieldErrors(parseCredentialsInput(kind, { [field.name]: value }));
        expect(performance.now() - started).toBeLessThan(500);
        expect(Object.keys(errors).some((path) => path === field.name || path.startsWith(`${field.name}.`)), JSON.stringify(errors)).toBe(true);
        // Choices (send_via) are refused as invalid; free text says its limit.
        if (field.input !== 'send_via') expect(Object.values(errors).join(' ')).toMatch(/at most/i);
      });
    }
  }

  it('parameters: a 1 MB value is refused on that parameter', () => {
    const errors = fieldErrors(parseCredentialsInput('basic', { parameters: { tenant: MB } }));
    expect(Object.keys(errors)).toEqual(['parameters.tenant']);
  });

  it.each([
    ['app_id', { app_id: MB }],
    ['environments.draft.server_url', { app_id: 'a', environments: { draft: { kind: 'basic', server_url: `https://example.test/${MB}` } } }],
    ['environments.draft.custom_config_entries.big', { app_id: 'a', environments: { draft: { kind: 'basic', custom_config_entries: { big: MB } } } }],
    ['environments.draft.app_config.header.h', { app_id: 'a', environments: { draft: { kind: 'basic', app_config: { header: { h: MB } } } } }],
    ['resource.component', { app_id: 'a', resource: { component: MB } }],
  ])('connection %s: a 1 MB value is refused on that field', (path, input) => {
    const errors = fieldErrors(connectionSchema.safeParse(input));
    expect(Object.keys(errors)).toContain(path);
  });
});
