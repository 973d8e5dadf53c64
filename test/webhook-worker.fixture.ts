/**
 * One webhook worker in a process of its own, for lib/webhooks/webhooks.test.ts: on the test's
 * database (DATABASE_PATH or DATABASE_URL from the environment), it runs delivery passes back to back
 * and, on SIGTERM, prints how many deliveries it claimed. Run with
 * `node bin/run-ts.mjs test/webhook-worker.fixture.ts`; prints `ready` once the database is open.
 */
import { closeDatabase, prepareDatabase } from '@/lib/db/client';
import { deliverDueWebhooks } from '@/lib/webhooks/worker';

await prepareDatabase();
let claimed = 0;
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});
console.log('ready');
while (!stopping) {
  const n = await deliverDueWebhooks();
  claimed += n;
  if (n === 0) await new Promise((resolve) => setTimeout(resolve, 5));
}
console.log(JSON.stringify({ claimed }));
await closeDatabase();
process.exit(0);
