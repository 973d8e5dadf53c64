import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './safe-return-to';

describe('safeReturnTo', () => {
  it('keeps paths of this console, with their query', () => {
    expect(safeReturnTo('/connections/my_app?env=live')).toBe('/connections/my_app?env=live');
    expect(safeReturnTo('/audit')).toBe('/audit');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '/\t/evil.example',
    '/%09/evil.example',
    '\t//evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    '',
    undefined,
    42,
  ])('sends %j to the connections list', (value) => {
    const target = safeReturnTo(value);
    expect(new URL(target, 'http://localhost').host).toBe('localhost');
    expect(target.startsWith('//')).toBe(false);
    expect(target.startsWith('/')).toBe(true);
  });
});
