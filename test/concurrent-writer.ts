import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type WriterSummary = { writes: number; reads: number; errors: string[] };

/** Starts test/concurrent-writer.fixture.ts in its own process; `stop()` returns what it did. */
export async function startConcurrentWriter(environmentId: string, extraEnv: Record<string, string | undefined> = {}) {
  const root = path.resolve(import.meta.dirname, '..');
  const stopFile = path.join(path.dirname(process.env.DATABASE_PATH!), `stop-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.mjs'), path.join(root, 'test', 'concurrent-writer.fixture.ts'), environmentId, stopFile], {
    cwd: root,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 15_000;
  while (!fs.existsSync(`${stopFile}.ready`)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The writer did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    async stop(): Promise<WriterSummary> {
      fs.writeFileSync(stopFile, '');
      const code = await exited;
      if (code !== 0) throw new Error(`The writer exited with ${code}: ${err}`);
      return JSON.parse(out.trim().split('\n').pop()!) as WriterSummary;
    },
  };
}
