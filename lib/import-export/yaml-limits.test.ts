import { describe, expect, it } from 'vitest';
import { parseConnectionFile } from './parse-connection-file';
import { YAML_LIMITS } from './yaml-limits';

function expectRefusedQuickly(text: string, message: RegExp) {
  const started = performance.now();
  const heapBefore = process.memoryUsage().heapUsed;
  const result = parseConnectionFile(text);
  const elapsed = performance.now() - started;
  expect(result.documents).toHaveLength(0);
  expect(result.issues[0]?.message).toMatch(message);
  expect(elapsed).toBeLessThan(1_000);
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
}

describe('YAML limits', () => {
  it('refuses an alias bomb (billion laughs)', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expectRefusedQuickly(lines.join('\n'), /alias/i);
  });

  it('refuses deep flow nesting before the parser recurses', () => {
    expectRefusedQuickly('app_id: ' + '['.repeat(100_000) + ']'.repeat(100_000), /nests brackets more than/);
  });

  it('refuses deep block nesting (compact sequences and indentation)', () => {
    expectRefusedQuickly('- '.repeat(200_000) + 'x\n', /nested too deeply/);
    expectRefusedQuickly(Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n', /nested too deeply/);
  });

  it('refuses nesting below the scan limits but deeper than any connection document', () => {
    const nested = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(parseConnectionFile(nested).issues[0].message).toMatch(/Nested more than/);
  });

  it('refuses an oversized file without parsing it', () => {
    expectRefusedQuickly('a: ' + 'x'.repeat(YAML_LIMITS.maxBytes), /larger than/);
  });

  it('refuses duplicate keys, also in JSON', () => {
    expect(parseConnectionFile('{"app_id": "a", "app_id": "b"}').issues[0]).toMatchObject({ line: 1, message: expect.stringMatching(/Duplicate key/) });
  });

  it('keeps quoted brackets and ordinary files out of the nesting check', () => {
    const text = 'kind: connection\napp_id: x\nenvironments:\n  draft:\n    custom_config_entries:\n      q: "[[[[[[[[[[[[[[[[[[[[[[[["\n      s: \'{{{{{{{{{{{{{{{{{{{{{{\'\n';
    const result = parseConnectionFile(text);
    expect(result.issues).toEqual([]);
    expect(result.documents[0].lineOf(['environments', 'draft', 'custom_config_entries', 's'])).toBe(7);
  });
});
