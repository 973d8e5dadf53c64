import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { createApiKey } from '../fixtures/admin-api';
import { uniqueId } from '../fixtures/console';
import { E2E } from '../fixtures/e2e-env';

/**
 * Loopback load, bounded in time: 50 writers set team credentials (each on its own connection,
 * in sequence) while 200 readers resolve them. No request may fail (no SQLITE_BUSY reaching a
 * caller), every acknowledged write must be what is stored at the end, and the WAL stays bounded.
 */
const WRITERS = 50;
const READERS = 200;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const WAL_LIMIT_BYTES = 96 * 1024 * 1024;

test('50 writers and 200 readers: no busy errors, no lost update, bounded WAL', async ({ request }) => {
  test.setTimeout((SECONDS + 120) * 1000);
  const key = await createApiKey(request, uniqueId('load'));
  // One key per reader, as separate tools would have: the per-key rate limit is not what is measured.
  const readerKeys = await Promise.all(Array.from({ length: READERS }, () => createApiKey(request, uniqueId('reader'))));
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const apps = Array.from({ length: WRITERS }, () => uniqueId('load'));
  for (const appId of apps) {
    const created = await fetch(`${E2E.baseUrl}/api/v1/connections`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ spec_version: 'v1', kind: 'connection', app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }),
    });
    expect(created.status, await created.text()).toBe(201);
  }

  const failures: string[] = [];
  const acknowledged = new Map<string, number>();
  let writes = 0;
  let reads = 0;
  const deadline = Date.now() + SECONDS * 1000;

  const writer = async (appId: string) => {
    for (let seq = 1; Date.now() < deadline; seq++) {
      const res = await fetch(`${E2E.baseUrl}/api/v1/connections/${appId}/draft/credentials`, { method: 'PUT', headers: auth, body: JSON.stringify({ token: `${appId}-${seq}` }) });
      const body = await res.text();
      if (res.status !== 200) failures.push(`PUT ${res.status} ${body.slice(0, 200)}`);
      else acknowledged.set(appId, seq);
      writes++;
    }
  };
  const reader = async (i: number) => {
    while (Date.now() < deadline) {
      const appId = apps[(i + reads) % apps.length];
      const res = await fetch(`${E2E.baseUrl}/api/v1/connections/${appId}/draft/runtime-credentials`, { headers: { authorization: `Bearer ${readerKeys[i]}` } });
      const body = await res.text();
      // Before a writer's first write the connection has no credentials yet: a clear 4xx, never a 5xx.
      if (res.status >= 500 || /SQLITE_BUSY|database is locked/i.test(body)) failures.push(`GET ${res.status} ${body.slice(0, 200)}`);
      reads++;
    }
  };
  await Promise.all([...apps.map(writer), ...Array.from({ length: READERS }, (_, i) => reader(i))]);

  expect(failures.slice(0, 5)).toEqual([]);
  expect(writes).toBeGreaterThan(WRITERS);
  expect(reads).toBeGreaterThan(READERS);
  for (const appId of apps) {
    const res = await fetch(`${E2E.baseUrl}/api/v1/connections/${appId}/draft/runtime-credentials`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { credentials: { token: string } };
    expect(body.credentials.token, `last acknowledged write of ${appId}`).toBe(`${appId}-${acknowledged.get(appId)}`);
  }
  const wal = `${E2E.dbPath}-wal`;
  const walSize = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  // SQLite only: the WAL stays bounded (PostgreSQL manages its own).
  if (!E2E.databaseUrl) expect(walSize).toBeLessThan(WAL_LIMIT_BYTES);
  console.log(`load: ${writes} writes, ${reads} reads in ${SECONDS}s; WAL ${walSize} bytes`);
});
