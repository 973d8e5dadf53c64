#!/usr/bin/env node
// `npm start`: builds once when no build exists, applies migrations, then serves the console.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import next from 'next';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? '0.0.0.0';

if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID'))) {
  console.log('No build found: running `next build` once…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function applyMigrations() {
  const file = path.resolve(process.env.DATABASE_PATH ?? './data/connections.db');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  migrate(drizzle(sqlite), { migrationsFolder: path.join(root, 'drizzle') });
  sqlite.close();
  return file;
}

const databaseFile = applyMigrations();
// A wrong or missing encryption key stops the start here, before anything is written.
register('./server-only-hooks.mjs', import.meta.url);
await (await tsImport('../lib/crypto/key-check.ts', import.meta.url)).checkEncryptionKeyAtStart(databaseFile);
const app = next({ dev: false, dir: root, port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

// The runtime-credentials path is on every tool call, and Next's request pipeline costs ~27x a bare
// node:http handler here, so this server answers bearer-key calls of that one route itself with
// the lib code the Next route handler also runs (loaded through tsx: TypeScript, the `@/` paths of
// tsconfig, and `server-only` mapped to its stub by server-only-hooks.mjs). Everything else,
// including session callers of that route, goes to Next.
async function loadFastPath() {
  if (process.env.RUNTIME_FAST_PATH === '0') return null;
  try {
    register('./server-only-hooks.mjs', import.meta.url);
    const mod = await tsImport('../lib/runtime/fast-path.ts', import.meta.url);
    return mod.handleRuntimeRequest;
  } catch (e) {
    console.error('Runtime fast path unavailable, Next serves every route:', e instanceof Error ? e.message : e);
    return null;
  }
}
const fastPath = await loadFastPath();

// Background work (lib/health/background.ts): webhook deliveries from the outbox, and the token
// sweep (one process at a time, by a lease in the database).
const background = (await tsImport('../lib/health/background.ts', import.meta.url)).startBackgroundWork();

const server = http.createServer((req, res) => {
  req.headers['x-cm-client-ip'] = req.socket.remoteAddress ?? ''; // trusted, unlike x-forwarded-for
  if (fastPath?.(req, res)) return;
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Connections Manager on http://localhost:${port} (database ${databaseFile})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    background.stop();
    server.close(() => process.exit(0));
  });
}
