/**
 * `npm run bench`: measures, each against a baseline taken in the same run, on this machine:
 *  1. runtime-credentials through the real server (bin/server.mjs) vs a bare node:http server doing
 *     the same SQLite lookup: requests/s and p99 at 50 concurrent keep-alive connections;
 *  2. the /connections page with 10,000 connections vs 10;
 *  3. importing 1,000 connections through POST /api/v1/import vs bare SQL inserts of the same rows;
 *  4. 200 concurrent resolutions of one expired OAuth token: refreshes counted at a local token endpoint;
 *  5. the same across two server processes on one database (the refresh lease), three rounds;
 *  6. `npx connections list` on 1,000 connections, wall time (bench/cli.ts); `BENCH_ONLY=cli` runs only this;
 *  7. runtime-credentials on PostgreSQL, one and three instances, vs a bare node:http + pg server (bench/postgres.ts).
 * Prints a Markdown report and writes it to bench/RESULTS.md. Not part of `npm test`.
 * Traffic stays on 127.0.0.1; every loop is bounded in time or count.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { benchCliList, cliRows } from './cli';
import { freePort, startBare, startServer } from './processes';
import { median, runLoad, timeRequests, type LoadResult } from './load';

const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-bench-'));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const env = {
  DATABASE_PATH: path.join(dir, 'bench.db'),
  CONNECTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
  AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
  RUNTIME_RATE_LIMIT_PER_MINUTE: '0', // the per-key limit would cap the load test itself
  OUTBOUND_ALLOW_LOOPBACK: '1', // the expired-token cases refresh at a token endpoint on 127.0.0.1
  NEXT_TELEMETRY_DISABLED: '1',
};
Object.assign(process.env, env);

process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

/** A token endpoint on loopback that counts the token requests it answers. */
async function startTokenEndpoint(): Promise<{ port: number; count: () => number; reset: () => void }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      // A little latency, as a real provider has, so concurrent callers overlap the refresh.
      setTimeout(() => {
        const body = JSON.stringify({ access_token: `at-${requests}-${crypto.randomUUID()}`, token_type: 'Bearer', expires_in: 3600, scope: 'read' });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      }, 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  server.unref();
  return { port: (server.address() as net.AddressInfo).port, count: () => requests, reset: () => (requests = 0) };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function main() {
  const loadBefore = os.loadavg();
  if (process.env.BENCH_ONLY === 'cli') {
    console.log(cliRows(await benchCliList(root, dir), verdict, fmt).join('\n'));
    return;
  }
  const { createFirstAdmin } = await import('@/lib/users/users');
  const { createApiKey } = await import('@/lib/api-keys/create-api-key');
  const { connectionSchema } = await import('@/lib/connections/connection-schema');
  const { createConnection } = await import('@/lib/connections/save-connection');
  const { parseCredentialsInput } = await import('@/lib/connections/credentials-schema');
  const { setCredentials } = await import('@/lib/credentials/set-credentials');
  const { prepareDatabase, closeDatabase } = await import('@/lib/db/client');
  const { newSessionClaims } = await import('@/lib/auth/session-version');
  const { encode } = await import('next-auth/jwt');

  await prepareDatabase(); // an entry point: opens and migrates the database before the first query
  // Seed: an admin with an API key, and a team basic connection with credentials.
  const admin = await createFirstAdmin({ email: 'bench-admin@example.test', password: 'bench-admin-password', name: 'Bench' });
  const actor = { id: admin.id, email: admin.email, role: 'admin' as const, via: 'session' as const };
  const apiKey = (await createApiKey(actor, { name: 'bench' })).key;
  const set = (appId: string, env: 'draft' | 'live', kind: string, body: unknown) => {
    const parsed = parseCredentialsInput(kind as never, body);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    return setCredentials(actor, appId, env, parsed.data);
  };
  await createConnection(actor, connectionSchema.parse({ app_id: 'bench_basic', environments: { draft: { kind: 'basic', type: 'team', server_url: 'https://api.example.com' } } }));
  await set('bench_basic', 'draft', 'basic', { username: 'svc', password: 'bench-password' });
  const tokens = await startTokenEndpoint();
  await createConnection(actor, connectionSchema.parse({ app_id: 'bench_oauth', environments: { draft: { kind: 'oauth_auth_client_credentials_flow', type: 'team' } } }));
  await set('bench_oauth', 'draft', 'oauth_auth_client_credentials_flow', { client_id: 'bench', client_secret: 'bench-secret', token_url: `http://127.0.0.1:${tokens.port}/token` });
  for (let i = 0; i < 8; i++) await createConnection(actor, connectionSchema.parse({ app_id: `bench_list_${i}`, environments: { draft: { kind: 'bearer', type: 'team' } } }));

  const serverPort = await freePort();
  const barePort = await freePort();
  await startServer(serverPort);
  await startBare('bare-server.mjs', barePort);
  const runtimePath = '/api/v1/connections/bench_basic/draft/runtime-credentials';
  const auth = { authorization: `Bearer ${apiKey}` };

  // 1. runtime-credentials vs bare node:http, 50 connections each.
  const check = await fetch(`http://127.0.0.1:${serverPort}${runtimePath}`, { headers: auth });
  if (check.status !== 200) throw new Error(`runtime-credentials answered ${check.status}: ${await check.text()}`);
  // Alternating rounds, so a change in the machine's other load hits both sides alike; each side
  // reports its median round.
  const bareRounds: LoadResult[] = [];
  const realRounds: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRounds.push(await runLoad({ port: barePort, path: runtimePath, headers: auth, connections: 50, seconds: SECONDS }));
    realRounds.push(await runLoad({ port: serverPort, path: runtimePath, headers: auth, connections: 50, seconds: SECONDS }));
  }
  const medianRound = (rounds: LoadResult[]) => [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)];
  const bare = medianRound(bareRounds);
  const real = medianRound(realRounds);

  // 2. The list page at 10 connections, then at 10,000.
  // A session as sign-in issues it: with the user's session version and sign-in time (lib/auth/session-version.ts).
  const claims = await newSessionClaims(admin.id);
  const cookie = `authjs.session-token=${await encode({ token: { ...claims, sub: admin.id, email: admin.email, name: 'Bench' }, secret: env.AUTH_SECRET, salt: 'authjs.session-token' })}`;
  const page = { port: serverPort, path: '/connections', headers: { cookie }, count: 40, warmup: 5 };
  const small = await timeRequests(page);
  const sqlite = new Database(env.DATABASE_PATH);
  sqlite.pragma('busy_timeout = 5000');
  const insertConnection = sqlite.prepare('insert into connections (id, app_id) values (?, ?)');
  const insertEnvironment = sqlite.prepare("insert into environments (id, connection_id, env, kind, type) values (?, ?, 'draft', 'basic', 'team')");
  sqlite.transaction(() => {
    for (let i = 0; i < 9_990; i++) {
      const id = crypto.randomUUID();
      insertConnection.run(id, `bench_bulk_${String(i).padStart(5, '0')}`);
      insertEnvironment.run(crypto.randomUUID(), id);
    }
  })();
  const large = await timeRequests(page);
  const total = (sqlite.prepare('select count(*) n from connections').get() as { n: number }).n;

  // 3. Importing 1,000 connections through the API vs bare inserts of the same rows.
  const docs = Array.from({ length: 1_000 }, (_, i) =>
    `spec_version: v1\nkind: connection\napp_id: bench_import_${i}\nresource:\n  component: knowledge\n  category: milvus\nenvironments:\n  draft:\n    kind: basic\n    type: team\n    server_url: https://api${i}.example.com\n    custom_config_entries:\n      region: eu\n  live:\n    kind: oauth_auth_client_credentials_flow\n    type: team\n    server_url: https://api${i}.example.com\n`,
  ).join('---\n');
  // Warm-up: a small import first, as a running server has served some requests (the import path's
  // code is compiled on first use).
  const warm = Array.from({ length: 10 }, (_, i) => `spec_version: v1\nkind: connection\napp_id: bench_warm_${i}\nenvironments:\n  draft: { kind: basic, type: team }\n`).join('---\n');
  const warmed = await fetch(`http://127.0.0.1:${serverPort}/api/v1/import`, { method: 'POST', headers: { ...auth, 'content-type': 'application/yaml' }, body: warm });
  if (warmed.status !== 200) throw new Error(`warm-up import answered ${warmed.status}: ${(await warmed.text()).slice(0, 500)}`);
  const importStarted = performance.now();
  const imported = await fetch(`http://127.0.0.1:${serverPort}/api/v1/import`, { method: 'POST', headers: { ...auth, 'content-type': 'application/yaml' }, body: docs });
  const importMs = performance.now() - importStarted;
  if (imported.status !== 200) throw new Error(`import answered ${imported.status}: ${(await imported.text()).slice(0, 500)}`);
  const bareDb = new Database(path.join(dir, 'bare-import.db'));
  bareDb.pragma('journal_mode = WAL');
  bareDb.pragma('synchronous = FULL');
  bareDb.exec('create table connections (id text primary key, app_id text unique, component text, category text); create table environments (id text primary key, connection_id text, env text, kind text, type text, server_url text, custom text)');
  const bareStarted = performance.now();
  const ic = bareDb.prepare('insert into connections values (?, ?, ?, ?)');
  const ie = bareDb.prepare('insert into environments values (?, ?, ?, ?, ?, ?, ?)');
  bareDb.transaction(() => {
    for (let i = 0; i < 1_000; i++) {
      const id = crypto.randomUUID();
      ic.run(id, `bench_import_${i}`, 'knowledge', 'milvus');
      ie.run(crypto.randomUUID(), id, 'draft', 'basic', 'team', `https://api${i}.example.com`, '{"region":"eu"}');
      ie.run(crypto.randomUUID(), id, 'live', 'oauth_auth_client_credentials_flow', 'team', `https://api${i}.example.com`, null);
    }
  })();
  const bareImportMs = performance.now() - bareStarted;
  bareDb.close();

  // 4. 200 concurrent resolutions of one expired token.
  const oauthPath = '/api/v1/connections/bench_oauth/draft/runtime-credentials';
  const first = await fetch(`http://127.0.0.1:${serverPort}${oauthPath}`, { headers: auth });
  const firstBody = await first.text();
  let refreshes = NaN;
  let concurrentMs = NaN;
  let validMs = NaN;
  let oauthStatuses: Record<number, number> = {};
  let oauthNote = '';
  if (first.status === 200) {
    const fire = async () => {
      const started = performance.now();
      const statuses = await Promise.all(Array.from({ length: 200 }, () => fetch(`http://127.0.0.1:${serverPort}${oauthPath}`, { headers: auth }).then(async (r) => (await r.arrayBuffer(), r.status))));
      return { ms: performance.now() - started, statuses };
    };
    await fire(); // warm-up
    validMs = (await fire()).ms; // baseline: the same 200 calls while the token is valid
    sqlite.prepare("update credentials set token_expires_at = ? where owner_key = 'team' and environment_id = (select e.id from environments e join connections c on c.id = e.connection_id where c.app_id = 'bench_oauth')").run(Date.now() - 60_000);
    tokens.reset();
    const expired = await fire();
    concurrentMs = expired.ms;
    refreshes = tokens.count();
    oauthStatuses = expired.statuses.reduce<Record<number, number>>((acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {});
  } else {
    oauthNote = `first resolution answered ${first.status}: ${firstBody.slice(0, 200)}`;
  }
  // 5. The same expired token across two server processes on one database: 200 calls split over
  // both, three rounds; the refresh lease in the database allows one token request per expiry.
  const secondPort = await freePort();
  await startServer(secondPort);
  const twoProcess: { refreshes: number; tokens: number; statuses: Record<number, number>; ms: number }[] = [];
  if (first.status === 200) {
    for (let round = 0; round < 3; round++) {
      sqlite.prepare("update credentials set token_expires_at = ? where owner_key = 'team' and environment_id = (select e.id from environments e join connections c on c.id = e.connection_id where c.app_id = 'bench_oauth')").run(Date.now() - 60_000);
      tokens.reset();
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          fetch(`http://127.0.0.1:${i % 2 ? secondPort : serverPort}${oauthPath}`, { headers: auth }).then(async (r) => ({ status: r.status, token: r.status === 200 ? ((await r.json()) as { credentials: { access_token: string } }).credentials.access_token : (await r.text(), '') })),
        ),
      );
      twoProcess.push({
        refreshes: tokens.count(),
        tokens: new Set(answers.filter((a) => a.token).map((a) => a.token)).size,
        statuses: answers.reduce<Record<number, number>>((acc, a) => ((acc[a.status] = (acc[a.status] ?? 0) + 1), acc), {}),
        ms: performance.now() - started,
      });
    }
  }
  const twoProcessOk = twoProcess.length === 3 && twoProcess.every((r) => r.refreshes === 1 && r.tokens === 1 && r.statuses[200] === 200);
  sqlite.close();
  await closeDatabase();

  // 5. The CLI on 1,000 connections, on its own database.
  const cli = await benchCliList(root, dir);

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `Run: ${new Date().toISOString()}, load average before the run ${loadBefore.map((l) => l.toFixed(1)).join(' / ')}; runtime load: ${ROUNDS} alternating rounds of ${SECONDS} s per side (after 1 s warm-up each), median round shown; load generator on the same machine over loopback.`,
    '',
    '| measure | result | baseline (same run) | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
    `| runtime-credentials throughput, 50 connections | ${fmt(real.rps, 0)} req/s | bare node:http, same SQLite lookups (key + credential row): ${fmt(bare.rps, 0)} req/s | ${fmt(real.rps / bare.rps, 2)}x | ≥ 0.5x | ${verdict(real.rps / bare.rps >= 0.5)} |`,
    `| runtime-credentials p99, 50 connections | ${fmt(real.p99, 2)} ms (p50 ${fmt(real.p50, 2)} ms) | bare p99 ${fmt(bare.p99, 2)} ms | ${fmt(real.p99 / bare.p99, 2)}x | < 20 ms | ${verdict(real.p99 < 20)} |`,
    `| /connections page, ${total.toLocaleString('en')} connections | median ${fmt(median(large))} ms | 10 connections: median ${fmt(median(small))} ms | ${fmt(median(large) / median(small), 2)}x | ≤ 1.5x | ${verdict(median(large) / median(small) <= 1.5)} |`,
    `| import 1,000 connections (POST /api/v1/import, YAML) | ${fmt(importMs, 0)} ms | bare SQL inserts of the same rows: ${fmt(bareImportMs, 0)} ms | ${fmt(importMs / bareImportMs, 1)}x | < 2,000 ms | ${verdict(importMs < 2000)} |`,
    `| 200 concurrent resolutions of one expired token | ${Number.isNaN(refreshes) ? 'n/a' : `${refreshes} refresh(es), ${fmt(concurrentMs, 0)} ms`} | same 200 with a valid token: ${fmt(validMs, 0)} ms | ${fmt(concurrentMs / validMs, 2)}x | exactly 1 refresh | ${verdict(refreshes === 1)} |`,
    `| the same, 200 calls split over two server processes on one database, 3 rounds | ${twoProcess.map((r) => `${r.refreshes} refresh(es), ${r.tokens} token(s), ${fmt(r.ms, 0)} ms`).join('; ') || 'n/a'} | one process: ${Number.isNaN(refreshes) ? 'n/a' : `${refreshes} refresh(es)`} | n/a | exactly 1 refresh and 1 token per round | ${verdict(twoProcessOk)} |`,
    ...cliRows(cli, verdict, fmt),
    '',
    `Runtime rounds (req/s, p99 ms): server ${realRounds.map((r) => `${fmt(r.rps, 0)}/${fmt(r.p99, 1)}`).join(', ')}; bare ${bareRounds.map((r) => `${fmt(r.rps, 0)}/${fmt(r.p99, 1)}`).join(', ')}.`,
    `Runtime answers (median round): ${JSON.stringify(real.statuses)} (server), ${JSON.stringify(bare.statuses)} (bare).`,
    `Expired-token answers: ${JSON.stringify(oauthStatuses)}${oauthNote ? `; ${oauthNote}` : ''}; two processes: ${twoProcess.map((r) => JSON.stringify(r.statuses)).join(', ')}.`,
    `CLI list wall times (ms): npx ${cli.npxMs.map((m) => fmt(m, 0)).join(', ')}; node ${cli.nodeMs.map((m) => fmt(m, 0)).join(', ')}; npx of a no-op bin ${cli.floorMs.map((m) => fmt(m, 0)).join(', ')}.`,
    `List page timings: 10 connections p95 ${fmt(small[Math.floor(small.length * 0.95)])} ms; ${total} connections p95 ${fmt(large[Math.floor(large.length * 0.95)])} ms.`,
    '',
  ];
  lines.push(postgresSection());
  const report = lines.join('\n');
  console.log(report);
  fs.writeFileSync(path.join(root, 'bench/RESULTS.md'), `${report}\n${NOTES}`);
}

/**
 * The PostgreSQL measures (bench/postgres.ts), in a process of its own since the dialect is fixed per
 * process. `npm run bench` provides TEST_POSTGRES_URL (scripts/with-test-postgres.sh).
 */
function postgresSection(): string {
  if (!process.env.TEST_POSTGRES_URL) return '## PostgreSQL\n\nNot measured: TEST_POSTGRES_URL was not set (run through `npm run bench`).\n';
  const run = spawnSync(process.execPath, [path.join(root, 'bin/run-ts.mjs'), 'bench/postgres.ts'], { cwd: root, encoding: 'utf8', env: process.env, timeout: 900_000, maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) return `## PostgreSQL\n\nThe PostgreSQL run failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' ')}\n`;
  return run.stdout.trim() + '\n';
}

const NOTES = `## Notes

- The runtime baseline is a bare \`node:http\` server (bench/bare-server.mjs) doing the same SQLite
  lookups as the route (the API key by its SHA-256 with its user, then the environment with its
  credential row) with no authorization rules, decryption, audit or security headers. The real
  route is answered by \`bin/server.mjs\`'s fast path (lib/runtime/fast-path.ts) in the same process
  as Next; the load generator (bench/load.ts) runs on the same 2-core machine.
- The key and environment lookups of the runtime path are kept in memory until the database changes
  (lib/db/read-cache.ts), so a revoked key or new credentials are seen on the next call. Where the
  database stands is read once per request (\`withCommitSnapshot\`): on SQLite \`data_version\` (other
  processes' commits) once, \`total_changes()\` (this process's writes) on every lookup; on PostgreSQL
  one \`data_changes\` query, shared by the requests waiting for one. Reading \`data_version\` on every
  lookup measured 0.44x on a quiet machine; once per request, 0.60x.
- \`npx\` itself costs the no-op row above before the CLI starts: npm loads its exec machinery
  (Arborist, pacote) whatever it runs. The CLI's bin is linked into node_modules/.bin by a
  \`file:bin\` dependency so npm does not also read the whole dependency tree, which a \`bin\` in the
  root package.json costs (about 0.5 s more).
- Results move with the machine's other load; \`BENCH_SECONDS\` and \`BENCH_ROUNDS\` lengthen a run.
- The two-process case starts a second \`bin/server.mjs\` on the same database file; calls alternate
  between the two. Each process first looks at the stored token, then the one holding the
  \`refresh:<credential>\` lease (lib/health/leases.ts) asks the provider while the other waits on the row.
- Import is measured after a 10-connection warm-up import; the first import in a fresh server
  process (code compiled on first use) takes longer.
`;

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
