import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const CLI_BIN = path.resolve(import.meta.dirname, '../bin/connections.mjs');

export type CliRun = { code: number | null; out: string; err: string };

/**
 * The real binary (bin/connections.mjs) as a child process, on its own temporary database, removed
 * after the file's tests. Spawned processes get generous time; speed is measured by the benchmark.
 */
export function temporaryCli(name: string, keyByte = 9) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cm-cli-${name}-`));
  const dbPath = path.join(dir, 'cli.db');
  const env = { ...process.env, DATABASE_PATH: dbPath, CONNECTIONS_ENCRYPTION_KEY: Buffer.alloc(32, keyByte).toString('base64') };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]): CliRun => {
    const run = spawnSync(process.execPath, [CLI_BIN, ...args], { env, encoding: 'utf8', timeout: 240_000 });
    return { code: run.status, out: run.stdout, err: run.stderr };
  };
  return { dir, dbPath, env, cli };
}
