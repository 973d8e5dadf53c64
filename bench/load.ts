import http from 'node:http';

/** `latencies`: every recorded request's time in ms, sorted (so loads run side by side can be merged). */
export type LoadResult = { requests: number; errors: number; seconds: number; rps: number; p50: number; p99: number; statuses: Record<number, number>; latencies: number[] };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * A small closed-loop load generator on loopback: `connections` keep-alive sockets, each sending
 * the next request when the last answer arrived, for `seconds` after a warm-up. Bounded in time.
 */
export async function runLoad(options: { port: number; path: string; headers?: Record<string, string>; connections: number; seconds: number; warmupSeconds?: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const request = () =>
    new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: options.port, path: options.path, headers: options.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end();
    });
  const phase = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    const statuses: Record<number, number> = {};
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const status = await request();
          if (record) {
            latencies.push(performance.now() - t);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }
      }),
    );
    return { latencies, statuses, elapsed: (performance.now() - started) / 1000 };
  };
  await phase(options.warmupSeconds ?? 1, false);
  const { latencies, statuses, elapsed } = await phase(options.seconds, true);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const errors = Object.entries(statuses).filter(([s]) => s !== '200').reduce((n, [, c]) => n + c, 0);
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses, latencies };
}

/** Sequential timings of one GET, in ms. */
export async function timeRequests(options: { port: number; path: string; headers?: Record<string, string>; count: number; warmup: number }): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      const req = http.request({ host: '127.0.0.1', port: options.port, path: options.path, headers: options.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`GET ${options.path}: ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  for (let i = 0; i < options.warmup; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < options.count; i++) times.push(await once());
  agent.destroy();
  return times.sort((a, b) => a - b);
}

export const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)];
