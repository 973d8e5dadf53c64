// The browser tests again, on PostgreSQL: a throwaway database on TEST_POSTGRES_URL's server for the
// run, the build of `npm run test:e2e` (built here when missing), then dropped.
//
// `npm test` runs the specs below, where the database does the work (the API and runtime path,
// every server action's writes, import, throttles, webhooks, what is stored, many instances), so
// that CI stays well under 30 minutes on two cores. `--all` (or naming specs) runs any others.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createThrowawayDatabase, dropThrowawayDatabase } from '../test/throwaway-databases';

const server = process.env.TEST_POSTGRES_URL;
if (!server) {
  console.error('Set TEST_POSTGRES_URL (or run through scripts/with-test-postgres.sh).');
  process.exit(1);
}
const ON_POSTGRES = [
  'e2e/api',
  'e2e/import',
  'e2e/reliability',
  'e2e/health/webhooks-and-health.spec.ts',
  'e2e/security/authorization-matrix.spec.ts',
  'e2e/security/sign-in-rate-limit.spec.ts',
  'e2e/security/canary.spec.ts',
];
const given = process.argv.slice(2);
const specs = given.includes('--all') ? given.filter((a) => a !== '--all') : given.length ? given : ON_POSTGRES;

if (!fs.existsSync('.next/BUILD_ID')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const database = await createThrowawayDatabase(server, 'cm_e2e');
let status = 1;
try {
  const run = spawnSync('npx', ['playwright', 'test', ...specs], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: database, E2E_DATA_DIR: process.env.E2E_DATA_DIR ?? '.e2e-data-pg' },
  });
  status = run.status ?? 1;
} finally {
  await dropThrowawayDatabase(server, database);
}
process.exit(status);
