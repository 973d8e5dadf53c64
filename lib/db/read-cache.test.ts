import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { actorFromApiKey } from '@/lib/api-keys/authenticate-api-key';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { env } from '@/lib/env';
import { seedUser } from '@/test/db-fixtures';
import { getDb, writeTransaction } from './client';
import { createReadCache, withCommitSnapshot } from './read-cache';
import { appMeta, users } from './schema';

/**
 * One statement through a connection of its own, as another process (the CLI, a second server)
 * would run it: `?` placeholders on SQLite, `$n` on PostgreSQL.
 */
async function fromAnotherConnection(sqliteStatement: string, pgStatement: string, params: unknown[]) {
  const url = env().databaseUrl;
  if (!url) {
    const other = new Database(env().databasePath);
    try {
      other.prepare(sqliteStatement).run(...params);
    } finally {
      other.close();
    }
    return;
  }
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query(pgStatement, params);
  } finally {
    await other.end();
  }
}

describe('createReadCache', () => {
  it('answers from memory until this connection changes a row', async () => {
    const cached = createReadCache<number>();
    let reads = 0;
    const read = () => cached('k', async () => ++reads);
    expect([await read(), await read(), await read()]).toEqual([1, 1, 1]);
    await getDb().insert(appMeta).values({ key: `cache-test-${Date.now()}`, value: 'x' });
    expect([await read(), await read()]).toEqual([2, 2]);
  });

  it('reads again after another connection (another process, the CLI) commits', async () => {
    const cached = createReadCache<number>();
    let reads = 0;
    const read = () => cached('k', async () => ++reads);
    expect([await read(), await read()]).toEqual([1, 1]);
    await fromAnotherConnection('insert into app_meta (key, value) values (?, ?)', 'insert into app_meta (key, value) values ($1, $2)', [`cache-other-${Date.now()}`, 'x']);
    expect([await read(), await read()]).toEqual([2, 2]);
  });

  it('in one commit snapshot (a request) sees other processes as of its first read, and its own transactions always', async () => {
    const cached = createReadCache<number>();
    let reads = 0;
    const read = () => cached('k', async () => ++reads);
    const other = () => fromAnotherConnection('insert into app_meta (key, value) values (?, ?)', 'insert into app_meta (key, value) values ($1, $2)', [`cache-snap-${crypto.randomUUID()}`, 'x']);
    await withCommitSnapshot(async () => {
      expect(await read()).toBe(1);
      await writeTransaction((tx) => tx.insert(appMeta).values({ key: `cache-own-${crypto.randomUUID()}`, value: 'x' }));
      expect(await read()).toBe(2);
      await other(); // commits during the request: the request keeps the view it had
      expect(await read()).toBe(2);
    });
    // The next request sees the other process's commit.
    expect(await withCommitSnapshot(read)).toBe(3);
    await other();
    expect(await read()).toBe(4);
  });

  it('keeps at most the given number of entries', async () => {
    const cached = createReadCache<string>(2);
    let reads = 0;
    for (const key of ['a', 'b', 'c']) await cached(key, async () => `${key}${++reads}`);
    expect(await cached('c', async () => 'again')).toBe('c3');
    expect(await cached('a', async () => 'again')).toBe('again');
  });
});

describe('API keys through the cache', () => {
  it('a revoked key, a demoted owner and a role changed by another process take effect on the next call', async () => {
    const admin = await seedUser('admin');
    const { key, id } = await createApiKey(admin, { name: 'cache' });
    expect(await actorFromApiKey(key)).toMatchObject({ id: admin.id, role: 'admin' });
    expect(await actorFromApiKey(key)).toMatchObject({ role: 'admin' });

    await fromAnotherConnection('update users set role = ? where id = ?', 'update users set role = $1 where id = $2', ['member', admin.id]);
    expect(await actorFromApiKey(key)).toMatchObject({ role: 'member' });

    await getDb().update(users).set({ role: 'admin' }).where(eq(users.id, admin.id));
    expect(await actorFromApiKey(key)).toMatchObject({ role: 'admin' });
    await revokeApiKey(admin, id);
    expect(await actorFromApiKey(key)).toBeNull();
  });
});
