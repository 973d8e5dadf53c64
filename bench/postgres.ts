/**
 * The PostgreSQL part of `npm run bench` (run by bench/run.ts in its own process, since the dialect
 * is fixed per process): runtime-credentials through one and through three `bin/server.mjs` on one
 * PostgreSQL database, against a bare node:http + pg server doing the same lookups, in the same run.
 * Needs TEST_POSTGRES_URL (a role that may create databases); prints a Markdown section.
 */
import crypto from 'node:crypto';
import { createThrowawayDatabase, dropThrowawayDatabase } from '@/test/throwaway-databases';
import { percentile, runLoad, type LoadResult } from './load';
import { freePort, startBare, startServer, stopAll } from './processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const server = process.env.TEST_POSTGRES_URL;
if (!server) throw new Error('TEST_POSTGRES_URL is not set');
const env = {
  CONNECTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
  AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
  RUNTIME_RATE_LIMIT_PER_MINUTE: '0', // the per-key limit would cap the load test itself
  SWEEP_INTERVAL_SECONDS: '0',
  NEXT_TELEMETRY_DISABLED: '1',
};
Object.assign(process.env, env);

/** `connections` clients spread evenly over the ports at once; p50 and p99 over every request of the run. */
async function spreadLoad(ports: number[], pathname: string, headers: Record<string, string>): Promise<LoadResult> {
  const share = (i: number) => Math.floor(CONNECTIONS / ports.length) + (i < CONNECTIONS % ports.length ? 1 : 0);
  const parts = await Promise.all(ports.map((port, i) => runLoad({ port, path: pathname, headers, connections: share(i), seconds: SECONDS })));
  const statuses: Record<number, number> = {};
  for (const p of parts) for (const [s, n] of Object.entries(p.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: parts.reduce((n, p) => n + p.errors, 0),
    seconds: Math.max(...parts.map((p) => p.seconds)),
    rps: parts.reduce((n, p) => n + p.rps, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
    latencies,
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const medianRound = (rounds: LoadResult[]) => [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)];

async function main() {
  // Set before the lib loads: the dialect is fixed per process.
  const database = await createThrowawayDatabase(server!, 'cm_bench');
  process.env.DATABASE_URL = database;
  try {
    const { prepareDatabase, closeDatabase } = await import('@/lib/db/client');
    await prepareDatabase();
    const { createFirstAdmin } = await import('@/lib/users/users');
    const { createApiKey } = await import('@/lib/api-keys/create-api-key');
    const { connectionSchema } = await import('@/lib/connections/connection-schema');
    const { createConnection } = await import('@/lib/connections/save-connection');
    const { parseCredentialsInput } = await import('@/lib/connections/credentials-schema');
    const { setCredentials } = await import('@/lib/credentials/set-credentials');
    const admin = await createFirstAdmin({ email: 'bench-admin@example.test', password: 'bench-admin-password', name: 'Bench' });
    const actor = { id: admin.id, email: admin.email, role: 'admin' as const, via: 'session' as const };
    const apiKey = (await createApiKey(actor, { name: 'bench' })).key;
    await createConnection(actor, connectionSchema.parse({ app_id: 'bench_basic', environments: { draft: { kind: 'basic', type: 'team', server_url: 'https://api.example.com' } } }));
    const parsed = parseCredentialsInput('basic', { username: 'svc', password: 'bench-password' });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    await setCredentials(actor, 'bench_basic', 'draft', parsed.data);
    await closeDatabase();

    const runtimePath = '/api/v1/connections/bench_basic/draft/runtime-credentials';
    const auth = { authorization: `Bearer ${apiKey}` };
    const ports = [await freePort(), await freePort(), await freePort()];
    const barePort = await freePort();
    await startServer(ports[0]);
    await startBare('bare-server-pg.mjs', barePort);
    const check = await fetch(`http://127.0.0.1:${ports[0]}${runtimePath}`, { headers: auth });
    if (check.status !== 200) throw new Error(`runtime-credentials answered ${check.status}: ${await check.text()}`);

    const bareRounds: LoadResult[] = [];
    const oneRounds: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await spreadLoad([barePort], runtimePath, auth));
      oneRounds.push(await spreadLoad([ports[0]], runtimePath, auth));
    }
    await startServer(ports[1]);
    await startServer(ports[2]);
    const threeRounds: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) threeRounds.push(await spreadLoad(ports, runtimePath, auth));
    const bare = medianRound(bareRounds);
    const one = medianRound(oneRounds);
    const three = medianRound(threeRounds);

    const lines = [
      '## PostgreSQL',
      '',
      `Runtime-credentials on one PostgreSQL 15 database on this machine (\`DATABASE_POOL_SIZE\` 10 per process), ${CONNECTIONS} concurrent keep-alive connections, ${ROUNDS} rounds of ${SECONDS} s, median round; three instances get the connections spread evenly, and p50/p99 are over all their requests together.`,
      '',
      '| measure | result | baseline (same run) | ratio | target | verdict |',
      '|---|---|---|---|---|---|',
      `| runtime-credentials throughput, one instance | ${fmt(one.rps, 0)} req/s | bare node:http + pg, same lookups: ${fmt(bare.rps, 0)} req/s | ${fmt(one.rps / bare.rps, 2)}x | ≥ 0.5x | ${verdict(one.rps / bare.rps >= 0.5)} |`,
      `| runtime-credentials p99, one instance | ${fmt(one.p99, 2)} ms (p50 ${fmt(one.p50, 2)} ms) | bare p99 ${fmt(bare.p99, 2)} ms | ${fmt(one.p99 / bare.p99, 2)}x | < 20 ms | ${verdict(one.p99 < 20)} |`,
      `| runtime-credentials throughput, three instances | ${fmt(three.rps, 0)} req/s | bare: ${fmt(bare.rps, 0)} req/s | ${fmt(three.rps / bare.rps, 2)}x | ≥ 0.5x | ${verdict(three.rps / bare.rps >= 0.5)} |`,
      `| runtime-credentials p99, three instances | ${fmt(three.p99, 2)} ms (p50 ${fmt(three.p50, 2)} ms) | bare p99 ${fmt(bare.p99, 2)} ms | ${fmt(three.p99 / bare.p99, 2)}x | < 20 ms | ${verdict(three.p99 < 20)} |`,
      '',
      `PostgreSQL rounds (req/s, p99 ms): one ${oneRounds.map((r) => `${fmt(r.rps, 0)}/${fmt(r.p99, 1)}`).join(', ')}; three ${threeRounds.map((r) => `${fmt(r.rps, 0)}/${fmt(r.p99, 1)}`).join(', ')}; bare ${bareRounds.map((r) => `${fmt(r.rps, 0)}/${fmt(r.p99, 1)}`).join(', ')}.`,
      `Answers (median rounds): one ${JSON.stringify(one.statuses)}, three ${JSON.stringify(three.statuses)}, bare ${JSON.stringify(bare.statuses)}.`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    stopAll();
    await new Promise((r) => setTimeout(r, 500));
    await dropThrowawayDatabase(server!, database);
  }
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
