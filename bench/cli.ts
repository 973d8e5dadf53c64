/**
 * `npx connections list` on 1,000 connections: wall time of the whole process (as /usr/bin/time
 * reports it), through npx and through plain node, on its own database so the other measures'
 * 10,000 rows do not count. The CLI bundle (dist/cli.mjs) is built first, as `npm install` does.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { median } from './load';

/** `floorMs`: `npx` of a linked bin that does nothing: what npm itself costs before any CLI runs. */
export type CliBench = { connections: number; nodeMs: number[]; npxMs: number[]; floorMs: number[] };

const RUNS = 7;

function wallMs(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  return ms;
}

export async function benchCliList(root: string, dir: string): Promise<CliBench> {
  const { bundle } = await import(path.join(root, 'scripts/bundle.mjs'));
  await bundle(['cli']);
  const env = { ...process.env, DATABASE_PATH: path.join(dir, 'cli-bench.db'), CONNECTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64') };
  const file = path.join(dir, 'cli-bench.yaml');
  const docs = Array.from({ length: 1_000 }, (_, i) => {
    const kind = ['basic', 'bearer', 'api_key', 'oauth_auth_client_credentials_flow'][i % 4];
    return `spec_version: v1\nkind: connection\napp_id: cli_bench_${String(i).padStart(4, '0')}\nenvironments:\n  draft:\n    kind: ${kind}\n    type: team\n  live:\n    kind: ${kind}\n    type: ${i % 2 ? 'member' : 'team'}\n`;
  });
  fs.writeFileSync(file, docs.join('---\n'));
  const bin = path.join(root, 'bin/connections.mjs');
  wallMs(process.execPath, [bin, 'import', '-f', file], env, root);
  const nodeMs: number[] = [];
  const npxMs: number[] = [];
  wallMs(process.execPath, [bin, 'list'], env, root); // warm-up: file cache
  for (let i = 0; i < RUNS; i++) {
    nodeMs.push(wallMs(process.execPath, [bin, 'list'], env, root));
    npxMs.push(wallMs('npx', ['connections', 'list'], env, root));
  }
  const floor = noopPackage(dir);
  const floorMs = Array.from({ length: RUNS }, () => wallMs('npx', ['noop'], env, floor));
  return { connections: 1_000, nodeMs, npxMs, floorMs };
}

/** A package whose file: dependency links a bin that exits at once, as this project links `connections`. */
function noopPackage(dir: string): string {
  const project = path.join(dir, 'npx-floor');
  fs.mkdirSync(path.join(project, 'noop'), { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'npx-floor', private: true, dependencies: { noop: 'file:noop' } }));
  fs.writeFileSync(path.join(project, 'noop', 'package.json'), JSON.stringify({ name: 'noop', version: '1.0.0', bin: { noop: 'noop.mjs' } }));
  fs.writeFileSync(path.join(project, 'noop', 'noop.mjs'), '#!/usr/bin/env node\n', { mode: 0o755 });
  wallMs('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent'], process.env, project);
  return project;
}

export function cliRows(result: CliBench, verdict: (ok: boolean) => string, fmt: (n: number, d?: number) => string): string[] {
  const npx = median([...result.npxMs].sort((a, b) => a - b));
  const node = median([...result.nodeMs].sort((a, b) => a - b));
  const floor = median([...result.floorMs].sort((a, b) => a - b));
  return [
    `| \`npx\` of a linked bin that does nothing (npm's own start-up, median of ${result.floorMs.length}) | ${fmt(floor, 0)} ms | | | | |`,
    `| \`npx connections list\`, ${result.connections.toLocaleString('en')} connections (wall time, median of ${result.npxMs.length}) | ${fmt(npx, 0)} ms | \`node bin/connections.mjs list\`: ${fmt(node, 0)} ms | ${fmt(npx / node, 2)}x | < 300 ms | ${verdict(npx < 300)} |`,
  ];
}
