/**
 * One of several processes guessing at once, for the sign-in throttle's cross-process test. Run with
 * `node bin/run-ts.mjs test/sign-in-throttle.fixture.ts EMAIL IP COUNT GO_FILE`: it writes
 * GO_FILE.ready.<pid> once started, waits for GO_FILE, takes COUNT attempts in parallel and prints
 * one JSON line `{ taken, refused }`.
 */
import fs from 'node:fs';
import { closeDatabase, prepareDatabase } from '@/lib/db/client';
import { takeSignInAttempt } from '@/lib/security/sign-in-throttle';

const [email, ip, count, goFile] = process.argv.slice(2);
await prepareDatabase();
fs.writeFileSync(`${goFile}.ready.${process.pid}`, '');
while (!fs.existsSync(goFile)) await new Promise((r) => setTimeout(r, 5));
const results = await Promise.all(Array.from({ length: Number(count) }, () => takeSignInAttempt(email, ip)));
const taken = results.filter((r) => r.ok).length;
console.log(JSON.stringify({ taken, refused: results.length - taken }));
await closeDatabase();
