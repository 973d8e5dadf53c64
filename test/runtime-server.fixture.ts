/**
 * A real server process for the multi-process tests and the bench, lighter than bin/server.mjs: the
 * same runtime fast path (lib/runtime/fast-path.ts) and the same background work (webhook worker,
 * sweep), without Next. Run with `node bin/run-ts.mjs test/runtime-server.fixture.ts`, with
 * DATABASE_PATH (or DATABASE_URL) and CONNECTIONS_ENCRYPTION_KEY set; prints `{"port":N}` once
 * listening.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkEncryptionKeyAtStart } from '@/lib/crypto/key-check';
import { handleRuntimeRequest } from '@/lib/runtime/fast-path';
import { flushRuntimeAudit } from '@/lib/runtime/runtime-audit';
import { startBackgroundWork } from '@/lib/health/background';

await checkEncryptionKeyAtStart(); // opens and migrates the database and checks the key before listening
const server = http.createServer((req, res) => {
  if (!handleRuntimeRequest(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  startBackgroundWork();
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => void flushRuntimeAudit().finally(() => process.exit(0))));
}
