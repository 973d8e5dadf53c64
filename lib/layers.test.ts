import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layer rules of the code base, checked on the sources so a new import that breaks one fails here. */

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

/** Imports that load code at run time (`import type` is erased at build). */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^'"]*['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
}

describe('layers', () => {
  it('the ground floor (lib/db, lib/crypto) loads no domain module', () => {
    const offending = [...sources('lib/db'), ...sources('lib/crypto')].flatMap((file) =>
      runtimeImports(file)
        .filter((spec) => spec.startsWith('@/lib/') && !/^@\/lib\/(db|crypto|env|errors)(\/|$)/.test(spec))
        .map((spec) => `${file} -> ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('audit does not import auth (deny() in lib/auth/actor.ts records through audit, never the reverse)', () => {
    const offending = sources('lib/audit').flatMap((file) => runtimeImports(file).filter((spec) => spec.startsWith('@/lib/auth')).map((spec) => `${file} -> ${spec}`));
    expect(offending).toEqual([]);
  });

  it('settings are read from process.env only in lib/env.ts', () => {
    const offending = ['lib', 'app', 'components']
      .flatMap(sources)
      .filter((file) => file !== path.join('lib', 'env.ts') && /process\.env\b/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('test helpers live outside the product folders', () => {
    const helpers = ['lib', 'app', 'components'].flatMap(sources).filter((file) => /(\.fixture|test-keys|test-fixture|[\\/]test[\\/])/.test(file));
    expect(helpers).toEqual([]);
  });
});
