import crypto from 'node:crypto';
import pg from 'pg';

/**
 * Throwaway PostgreSQL databases for tests and the benchmark: made on a server the caller names
 * (TEST_POSTGRES_URL, a role that may create databases), used by URL, dropped at the end.
 */

/** Runs `statement` on the database at `url` and returns its rows. */
export async function queryPostgres<T = unknown>(url: string, statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new empty database on `server`, named `<prefix>_<random>`; returns its URL. */
export async function createThrowawayDatabase(server: string, prefix: string): Promise<string> {
  const name = `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await queryPostgres(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops the database at `url` (made by createThrowawayDatabase on `server`), ending its sessions.
 * An autovacuum worker on it runs as the superuser, which a test role may not terminate: that
 * refusal (42501) is tried again until the worker has moved on.
 */
export async function dropThrowawayDatabase(server: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a throwaway database name: ${name}`);
  for (let attempt = 1; ; attempt++) {
    try {
      await queryPostgres(server, `drop database if exists ${name} with (force)`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '42501' || attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
