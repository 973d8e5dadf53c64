import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { E2E } from '../fixtures/e2e-env';

/**
 * kill -9 of the server in the middle of a 5,000-connection import, 20 times: after each crash
 * the database passes PRAGMA integrity_check and holds all of that import or none of it.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const CONNECTIONS = 5000;
const root = path.resolve(import.meta.dirname, '..', '..');

function importYaml(prefix: string): string {
  const docs: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    docs.push(`spec_version: v1\nkind: connection\napp_id: ${prefix}_${i}\nenvironments:\n  draft: { kind: basic, type: team, server_url: "https://x${i}.example.test" }\n`);
  }
  return docs.join('---\n');
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin/server.mjs')], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    const up = await fetch(`http://127.0.0.1:${port}/login`).then((r) => r.ok, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${log}`);
}

function stopped(child: ChildProcess) {
  return new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

// SQLite's own file after a crash; the PostgreSQL case is e2e/reliability/many-instances.spec.ts.
test.skip(Boolean(E2E.databaseUrl), 'the SQLite file (PostgreSQL: many-instances.spec.ts)');

test('kill -9 during a 5,000-connection import, 20 times: integrity_check passes and each import is all or nothing', async () => {
  test.setTimeout(ROUNDS * 30_000 + 60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-crash-'));
  const dbPath = path.join(dir, 'crash.db');
  const port = 3400 + Math.floor(Math.random() * 500);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: dbPath,
    APP_URL: `http://localhost:${port}`,
    CONNECTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    AUTH_SECRET: 'crash-test-auth-secret-crash-test-auth-secret',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // An admin and an API key written straight into the fresh database (set-up only).
  let server = await startServer(env, port);
  const key = `cmk_${crypto.randomBytes(32).toString('base64url')}`;
  {
    const db = new Database(dbPath);
    const userId = crypto.randomUUID();
    db.prepare(`insert into users (id, email, role, password_hash) values (?, 'crash-admin@example.test', 'admin', null)`).run(userId);
    db.prepare('insert into api_keys (id, name, prefix, key_hash, user_id) values (?, ?, ?, ?, ?)').run(
      crypto.randomUUID(), 'crash', key.slice(0, 12), crypto.createHash('sha256').update(key).digest('hex'), userId,
    );
    db.close();
  }
  const outcomes: string[] = [];
  let importMs = 0;
  const count = (db: Database.Database, prefix: string) =>
    (db.prepare(`select count(*) n from connections where app_id like ? escape '\\'`).get(`${prefix}\\_%`) as { n: number }).n;
  try {
    // Calibration: how long one whole import takes here. Kills then land before, during and after the
    // write (a first request after a restart is slower, hence the wide range).
    const started = Date.now();
    const calibration = await fetch(`http://127.0.0.1:${port}/api/v1/import`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' }, body: importYaml('calibration') });
    expect(calibration.status, await calibration.text()).toBeLessThan(300);
    importMs = Date.now() - started;
    for (let round = 0; round < ROUNDS; round++) {
      const prefix = `crash${round}`;
      const body = importYaml(prefix);
      const request = fetch(`http://127.0.0.1:${port}/api/v1/import`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' }, body }).then(
        (r) => `answered ${r.status}`,
        () => 'cut off',
      );
      // Somewhere between "before the write starts" and "after it finished".
      await new Promise((r) => setTimeout(r, Math.floor(importMs * (0.2 + Math.random() * 2.3))));
      server.kill('SIGKILL');
      await stopped(server);
      const answer = await request;

      const db = new Database(dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const n = count(db, prefix);
        expect([0, CONNECTIONS], `round ${round}: ${n} connections after "${answer}"`).toContain(n);
        if (answer === 'answered 200' || answer === 'answered 201') expect(n).toBe(CONNECTIONS);
        outcomes.push(`${answer}: ${n}`);
      } finally {
        db.close();
      }
      server = await startServer(env, port);
    }
  } finally {
    server.kill('SIGKILL');
    await stopped(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`crash rounds (import alone ${importMs} ms): ${outcomes.join(' | ')}`);
  // The test means something only if some rounds were cut mid-import and some completed.
  expect(outcomes.some((o) => o.endsWith(': 0'))).toBe(true);
  expect(outcomes.some((o) => o.endsWith(`: ${CONNECTIONS}`))).toBe(true);
});
