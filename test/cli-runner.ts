import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createThrowawayDatabase, dropThrowawayDatabase } from './throwaway-databases';

export const CLI_BIN = path.resolve(import.meta.dirname, '../bin/connections.mjs');

export type CliRun = { code: number | null; out: string; err: string };

/**
 * A database of its own for CLI processes: a SQLite file, or on the PostgreSQL run (TEST_POSTGRES_URL)
 * a database created on that server, dropped after the file's tests.
 */
export type TestDatabase = {
  /** What a CLI process gets: DATABASE_PATH (the key file's folder too), and DATABASE_URL on PostgreSQL. */
  env: { DATABASE_PATH: string; DATABASE_URL?: string };
  /**
   * Rows as SQLite gives them, on either database (JSON as text, booleans as 0/1, bigints as
   * numbers), so assertions read the same; `?` placeholders.
   */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Does any stored value contain `text`? (A secret must never be stored in the clear.) */
  contains(text: string): Promise<boolean>;
};

const server = process.env.TEST_POSTGRES_URL;
/** Cases that need a PostgreSQL server run in the PostgreSQL pass only (`npm run test:pg`). */
export const hasPostgresServer = server !== undefined;
const databases: string[] = [];

afterAll(async () => {
  for (const url of databases) await dropThrowawayDatabase(server!, url);
}, 120_000);

const SQLITE_SHAPES: Record<number, (value: string) => unknown> = {
  114: (v) => v, // json: the text, as SQLite stores it
  3802: (v) => v, // jsonb
  16: (v) => (v === 't' ? 1 : 0), // boolean
  20: (v) => Number(v), // bigint (timestamps, counts)
};

async function onDatabase<T>(url: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({
    connectionString: url,
    types: { getTypeParser: ((oid: number, format?: string) => SQLITE_SHAPES[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser },
  });
  await client.connect();
  try {
    let n = 0;
    return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** An empty PostgreSQL database on the test server (whichever database the run uses), dropped after the file's tests. */
export async function temporaryPostgresUrl(): Promise<string> {
  if (!server) throw new Error('TEST_POSTGRES_URL is not set: run this case with npm run test:pg');
  const url = await createThrowawayDatabase(server, 'cm_cli');
  databases.push(url);
  return url;
}

/** A fresh database in `dir` (`name.db`), or on the PostgreSQL test server. */
export async function temporaryDatabase(dir: string, name: string): Promise<TestDatabase> {
  const file = path.join(fs.mkdtempSync(path.join(dir, `${name}-`)), 'cli.db');
  if (!server) {
    return {
      env: { DATABASE_PATH: file },
      async query<T>(sql: string, ...params: unknown[]) {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare(sql).all(...params) as T[];
        } finally {
          db.close();
        }
      },
      async contains(text: string) {
        return [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(text));
      },
    };
  }
  const databaseUrl = await temporaryPostgresUrl();
  return {
    env: { DATABASE_PATH: file, DATABASE_URL: databaseUrl },
    query: (sql, ...params) => onDatabase(databaseUrl, sql, params),
    async contains(text: string) {
      const tables = await onDatabase<{ name: string }>(databaseUrl, "select table_name as name from information_schema.tables where table_schema = 'public'", []);
      for (const { name: table } of tables) {
        const [hit] = await onDatabase(databaseUrl, `select 1 from "${table}" t where t::text like ? limit 1`, [`%${text}%`]);
        if (hit) return true;
      }
      return false;
    },
  };
}

/** The environment of a CLI process on `db`: the test's own, with the database replaced. */
export function cliEnvironment(db: TestDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...db.env, ...extra };
  if (!db.env.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/**
 * The real binary (bin/connections.mjs) as a child process, on its own temporary database, removed
 * after the file's tests. Spawned processes get generous time; speed is measured by the benchmark.
 */
export async function temporaryCli(name: string, keyByte = 9) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cm-cli-${name}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = await temporaryDatabase(dir, 'main');
  const env = cliEnvironment(db, { CONNECTIONS_ENCRYPTION_KEY: Buffer.alloc(32, keyByte).toString('base64') });
  const cli = (...args: string[]): CliRun => {
    const run = spawnSync(process.execPath, [CLI_BIN, ...args], { env, encoding: 'utf8', timeout: 240_000 });
    return { code: run.status, out: run.stdout, err: run.stderr };
  };
  return { dir, db, env, cli };
}
