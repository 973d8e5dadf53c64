import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * bin/server.mjs with a server bundle that does not load: it must stop with a clear message and a
 * non-zero exit instead of serving without its key check or its runtime fast path. A stand-in
 * Next build id keeps it from building Next; it never gets that far.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const work = fs.mkdtempSync(path.join(path.dirname(process.env.DATABASE_PATH!), 'start-'));
const nextDir = `.next-start-test-${crypto.randomUUID().slice(0, 8)}`;
fs.mkdirSync(path.join(root, nextDir));
fs.writeFileSync(path.join(root, nextDir, 'BUILD_ID'), 'stand-in');
afterAll(() => fs.rmSync(path.join(root, nextDir), { recursive: true, force: true }));

function startWith(bundleSource: string, extraEnv: Record<string, string> = {}) {
  const bundleDir = fs.mkdtempSync(path.join(work, 'dist-'));
  fs.writeFileSync(path.join(bundleDir, 'server.inputs.json'), '[]');
  fs.writeFileSync(path.join(bundleDir, 'server.mjs'), bundleSource);
  return spawnSync(process.execPath, [path.join(root, 'bin/server.mjs')], {
    cwd: root,
    env: { ...process.env, ...extraEnv, CONNECTIONS_BUNDLE_DIR: bundleDir, NEXT_DIST_DIR: nextDir, DATABASE_PATH: path.join(bundleDir, 'db.sqlite'), PORT: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('server start', () => {
  it('refuses to start when the server bundle fails to load', () => {
    const run = startWith("throw new Error('broken bundle');\n");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Refusing to start: the server bundle .*runtime fast path.* did not load: broken bundle/);
    expect(run.stdout).not.toContain('Connections Manager on');
  });

  it('refuses to start when the fast path is on but missing from the bundle', () => {
    const run = startWith('export async function checkEncryptionKeyAtStart() {}\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Refusing to start: .*no runtime fast path/);
    expect(run.stdout).not.toContain('Connections Manager on');
  });
});
