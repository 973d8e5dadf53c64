import { fork, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The processes a benchmark starts; stopped with `stopAll` (or when the benchmark exits). */
const children: ChildProcess[] = [];
export function stopAll() {
  for (const child of children) child.kill('SIGTERM');
}
process.on('exit', stopAll);

const root = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The real console (`bin/server.mjs`) on `port`, with this process's environment; resolves once it serves. */
export async function startServer(port: number): Promise<void> {
  const child = spawn(process.execPath, [path.join(root, 'bin/server.mjs')], {
    env: { ...process.env, PORT: String(port), HOSTNAME_BIND: '127.0.0.1', APP_URL: `http://localhost:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 300 s:\n${log}`)), 300_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Connections Manager on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  child.removeAllListeners('exit');
}

/** A bare baseline server (`bench/<script>`) on `port`; resolves once it listens. */
export async function startBare(script: string, port: number): Promise<void> {
  const child = fork(path.join(root, 'bench', script), { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  children.push(child);
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
}
