import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type RuntimeServer = { port: number; child: ChildProcess; stop: (signal?: NodeJS.Signals) => Promise<void> };

/**
 * Starts test/runtime-server.fixture.ts (the runtime fast path and background work of
 * bin/server.mjs, without Next) in its own process on the test's database, with `extraEnv` on top.
 */
export async function startRuntimeServer(extraEnv: Record<string, string> = {}): Promise<RuntimeServer> {
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn(process.execPath, [path.join(root, 'bin/run-ts.mjs'), 'test/runtime-server.fixture.ts'], {
    cwd: root,
    env: { ...process.env, SWEEP_INTERVAL_SECONDS: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      log += c.toString();
      const m = /\{"port":(\d+)\}/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  return {
    port,
    child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
