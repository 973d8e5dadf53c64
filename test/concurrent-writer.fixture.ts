/**
 * A second process writing and reading secrets the way the console does, for tests of what must
 * keep working while it runs (key rotation, online backup). Run with
 * `node bin/run-ts.mjs test/concurrent-writer.fixture.ts ENVIRONMENT_ID STOP_FILE`; it prints one
 * JSON line `{ writes, reads, errors }` when STOP_FILE appears.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { openSecrets, sealSecrets } from '@/lib/credentials/credential-secrets';
import { closeDatabase, getDb, prepareDatabase, writeTransaction } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';

const [environmentId, stopFile] = process.argv.slice(2);
const written: string[] = [];
const summary = { writes: 0, reads: 0, errors: [] as string[] };

async function step(n: number) {
  const id = crypto.randomUUID();
  await writeTransaction(async (tx) => {
    await tx
      .insert(credentials)
      .values({ id, environmentId, ownerKey: `writer-${process.pid}-${n}`, publicValues: {}, secretValues: sealSecrets(id, { password: `pw-${n}` }), secretNames: ['password'], status: 'connected' });
  });
  written.push(id);
  summary.writes++;
  // Read back a row this process wrote earlier: it may have been re-encrypted by now.
  const pick = written[Math.floor(Math.random() * written.length)];
  const [row] = await getDb().select().from(credentials).where(eq(credentials.id, pick)).limit(1);
  if (!row || !String(openSecrets(row).password).startsWith('pw-')) throw new Error(`row ${pick} did not read back`);
  summary.reads++;
}

await prepareDatabase();
// Ready only once a first row is committed, so callers never race the writer's start-up.
await step(0);
fs.writeFileSync(`${stopFile}.ready`, '');
for (let n = 1; !fs.existsSync(stopFile) && n <= 20_000; n++) {
  try {
    await step(n);
  } catch (e) {
    // A failed query's reason is its cause (the driver's error, with its code).
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    summary.errors.push(e instanceof Error ? `${e.name}: ${e.message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}` : String(e));
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
console.log(JSON.stringify(summary));
await closeDatabase();
