#!/usr/bin/env node
// `npm start`: builds once when no build exists, applies migrations (SQLite file or DATABASE_URL's
// PostgreSQL), then serves the console.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import next from 'next';
import { ensureBundle } from '../scripts/bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? '0.0.0.0';

if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID'))) {
  console.log('No build found: running `next build` once…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const fastPathOn = process.env.RUNTIME_FAST_PATH !== '0';

/**
 * dist/server.mjs (scripts/bundle.mjs, built by `npm run build` or here when missing or older than
 * its sources): the start-up key check and the runtime fast path, compiled from the lib sources.
 * Without it the server does not start: the key check cannot run, and a fast path that silently
 * fell back to Next would serve the runtime path at a fraction of its throughput.
 */
async function loadServerBundle() {
  try {
    return await import(pathToFileURL(await ensureBundle('server')).href);
  } catch (e) {
    console.error(
      `Refusing to start: the server bundle (dist/server.mjs: encryption key check${fastPathOn ? ', runtime fast path' : ''}) did not load: ` +
        `${e instanceof Error ? e.message : e}\nRun \`npm run build\` (or \`node scripts/bundle.mjs\`) and start again.`,
    );
    process.exit(1);
  }
}

const serverBundle = await loadServerBundle();
// Opens the database and applies its migrations; a wrong or missing encryption key stops the start
// here, before anything is written.
await serverBundle.checkEncryptionKeyAtStart();
// Never the URL itself: it may carry the password.
const databaseLabel = process.env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : path.resolve(process.env.DATABASE_PATH || './data/connections.db');
// The runtime-credentials path is on every tool call, and Next's request pipeline costs ~27x a bare
// node:http handler here, so this server answers bearer-key calls of that one route itself with
// the lib code the Next route handler also runs (compiled into dist/server.mjs). Everything else,
// including session callers of that route, goes to Next. RUNTIME_FAST_PATH=0 leaves it all to Next.
const fastPath = fastPathOn ? serverBundle.handleRuntimeRequest : null;
if (fastPathOn && typeof fastPath !== 'function') {
  console.error('Refusing to start: dist/server.mjs has no runtime fast path (handleRuntimeRequest). Run `npm run build` and start again.');
  process.exit(1);
}

const app = next({ dev: false, dir: root, port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

// Background work (lib/health/background.ts): webhook deliveries from the outbox, and the token
// sweep (one process at a time, by a lease in the database).
const background = serverBundle.startBackgroundWork();

const server = http.createServer((req, res) => {
  req.headers['x-cm-client-ip'] = req.socket.remoteAddress ?? ''; // trusted, unlike x-forwarded-for
  if (fastPath?.(req, res)) return;
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Connections Manager on http://localhost:${port} (database ${databaseLabel})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    background.stop();
    // Read events still waiting to be audited are written before the process ends.
    server.close(() => serverBundle.flushRuntimeAudit().finally(() => process.exit(0)));
  });
}
