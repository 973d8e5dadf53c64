import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { actorFromApiKey } from '@/lib/api-keys/authenticate-api-key';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { env } from '@/lib/env';
import { seedUser } from '@/test/db-fixtures';
import { getSqlite } from './client';
import { createReadCache } from './read-cache';

describe('createReadCache', () => {
  it('answers from memory until this connection changes a row', () => {
    const cached = createReadCache<number>();
    let reads = 0;
    const read = () => cached('k', () => ++reads);
    expect([read(), read(), read()]).toEqual([1, 1, 1]);
    getSqlite().prepare('insert into app_meta (key, value) values (?, ?)').run(`cache-test-${Date.now()}`, 'x');
    expect([read(), read()]).toEqual([2, 2]);
  });

  it('reads again after another connection (another process, the CLI) commits', () => {
    const cached = createReadCache<number>();
    let reads = 0;
    const read = () => cached('k', () => ++reads);
    expect([read(), read()]).toEqual([1, 1]);
    const other = new Database(env().databasePath);
    try {
      other.prepare('insert into app_meta (key, value) values (?, ?)').run(`cache-other-${Date.now()}`, 'x');
    } finally {
      other.close();
    }
    expect([read(), read()]).toEqual([2, 2]);
  });

  it('keeps at most the given number of entries', () => {
    const cached = createReadCache<string>(2);
    let reads = 0;
    for (const key of ['a', 'b', 'c']) cached(key, () => `${key}${++reads}`);
    expect(cached('c', () => 'again')).toBe('c3');
    expect(cached('a', () => 'again')).toBe('again');
  });
});

describe('API keys through the cache', () => {
  it('a revoked key, a demoted owner and a role changed by another process take effect on the next call', () => {
    const admin = await seedUser('admin');
    const { key, id } = createApiKey(admin, { name: 'cache' });
    expect(actorFromApiKey(key)).toMatchObject({ id: admin.id, role: 'admin' });
    expect(actorFromApiKey(key)).toMatchObject({ role: 'admin' });

    const other = new Database(env().databasePath);
    try {
      other.prepare('update users set role = ? where id = ?').run('member', admin.id);
    } finally {
      other.close();
    }
    expect(actorFromApiKey(key)).toMatchObject({ role: 'member' });

    getSqlite().prepare('update users set role = ? where id = ?').run('admin', admin.id);
    expect(actorFromApiKey(key)).toMatchObject({ role: 'admin' });
    revokeApiKey(admin, id);
    expect(actorFromApiKey(key)).toBeNull();
  });
});
