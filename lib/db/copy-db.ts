import 'server-only';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { count, getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { AppError, isAppError } from '@/lib/errors';
import { openPostgres } from './client';
import { describePostgresUrl } from './describe-database';
import * as pgSchema from './schema/pg';
import * as sqliteSchema from './schema/sqlite';

export type CopiedTable = { table: string; rows: number };
export type CopyDbResult = { tables: CopiedTable[]; rows: number };

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 500;
/** A per-database counter that PostgreSQL's triggers maintain (lib/db/read-cache.ts): never copied. */
const NOT_COPIED = new Set(['data_changes']);

type TablePair = { name: string; pg: PgTable; sqlite: SQLiteTable };

/** Every table of the schema, parents before the tables whose foreign keys point at them. */
function tablesInCopyOrder(): TablePair[] {
  const byName = new Map<string, TablePair>();
  for (const [key, table] of Object.entries(pgSchema)) {
    if (!is(table, PgTable) || NOT_COPIED.has(getTableName(table))) continue;
    const twin = (sqliteSchema as Record<string, unknown>)[key];
    if (!twin || !is(twin, SQLiteTable) || getTableName(twin) !== getTableName(table)) throw new Error(`The SQLite schema has no table ${getTableName(table)} (schema/sqlite.ts must mirror schema/pg.ts).`);
    byName.set(getTableName(table), { name: getTableName(table), pg: table, sqlite: twin });
  }
  const ordered: TablePair[] = [];
  const placed = new Set<string>();
  const place = (pair: TablePair, path: string[]) => {
    if (placed.has(pair.name)) return;
    if (path.includes(pair.name)) throw new Error(`Foreign keys form a cycle: ${[...path, pair.name].join(' → ')}.`);
    for (const fk of getTableConfig(pair.pg).foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable);
      if (parent !== pair.name) place(byName.get(parent)!, [...path, pair.name]);
    }
    placed.add(pair.name);
    ordered.push(pair);
  };
  for (const pair of byName.values()) place(pair, []);
  return ordered;
}

/** Integer columns on PostgreSQL: SQLite may hold a whole number as a REAL (1.7e12 as 1700000000000.0). */
function integerColumns(table: PgTable): string[] {
  return Object.entries(getTableColumns(table))
    .filter(([, column]) => ['PgInteger', 'PgBigInt53', 'PgSerial'].includes(column.columnType))
    .map(([key]) => key);
}

/**
 * Copies the SQLite database `sqliteFile` into the EMPTY PostgreSQL database at `postgresUrl`:
 * migrates the target, then copies every table's rows as stored (sealed secrets stay sealed, so
 * the same encryption key opens them) in ONE PostgreSQL transaction, checks the row count of every
 * table and commits only if all match. The source is read in one snapshot (a read transaction), so
 * a console still writing to it cannot tear the copy. A target holding any row is refused, and a
 * failure at any point leaves the target as it was (apart from its migrations).
 */
export async function copySqliteToPostgres(sqliteFile: string, postgresUrl: string, onProgress: (line: string) => void = () => {}): Promise<CopyDbResult> {
  if (!fs.existsSync(sqliteFile)) throw new AppError('not_found', `There is no SQLite database at ${sqliteFile} (DATABASE_PATH).`);
  const tables = tablesInCopyOrder();
  const sqlite = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const source = drizzleSqlite(sqlite, { schema: sqliteSchema });
  const target = openPostgres(postgresUrl, { poolSize: 2, statementTimeoutMs: 600_000 });
  try {
    await target.ready;
    onProgress(`Migrated ${describePostgresUrl(postgresUrl)}.`);
    sqlite.prepare('begin').run(); // one snapshot of the source for the whole copy
    return await target.db.transaction(
      async (tx) => {
        const occupied: string[] = [];
        for (const { name, pg } of tables) {
          const [{ n }] = await tx.select({ n: count() }).from(pg);
          if (n > 0) occupied.push(`${name}: ${n}`);
        }
        if (occupied.length) {
          throw new AppError('conflict', `The target database is not empty (${occupied.join(', ')} rows); copy-db only copies into an empty database. Nothing was copied.`);
        }
        const copied: CopiedTable[] = [];
        for (const { name, pg, sqlite: from } of tables) {
          const integers = integerColumns(pg);
          let rows = 0;
          for (let after = Number.MIN_SAFE_INTEGER; ; ) {
            const batch = (await source
              .select({ ...getTableColumns(from), __rowid: sql<number>`rowid` })
              .from(from)
              .where(sql`rowid > ${after}`)
              .orderBy(sql`rowid`)
              .limit(BATCH)) as Array<Record<string, unknown> & { __rowid: number }>;
            if (!batch.length) break;
            after = batch[batch.length - 1].__rowid;
            const values = batch.map(({ __rowid, ...row }) => {
              for (const key of integers) if (typeof row[key] === 'number') row[key] = Math.round(row[key] as number);
              return row;
            });
            await tx.insert(pg).values(values as never);
            rows += batch.length;
          }
          const [{ expected }] = await source.select({ expected: count() }).from(from);
          const [{ n }] = await tx.select({ n: count() }).from(pg);
          if (n !== expected || rows !== expected) {
            throw new AppError('internal', `Copying ${name} went wrong: ${expected} rows in SQLite, ${n} in PostgreSQL. Nothing was copied.`);
          }
          // Serial columns (the audit id) continue after the copied rows.
          for (const column of getTableConfig(pg).columns.filter((c) => c.columnType === 'PgSerial')) {
            await tx.execute(sql`select setval(pg_get_serial_sequence(${name}, ${column.name}), coalesce((select max(${sql.identifier(column.name)}) from ${sql.identifier(name)}), 0) + 1, false)`);
          }
          copied.push({ table: name, rows });
          onProgress(`Copied ${name}: ${rows} row(s).`);
        }
        return { tables: copied, rows: copied.reduce((sum, t) => sum + t.rows, 0) };
      },
      { isolationLevel: 'serializable' },
    );
  } catch (e) {
    if (isAppError(e)) throw e;
    // The driver's reason, not the failed statement (its parameters are the copied rows).
    const reason = (e as { cause?: Error }).cause?.message ?? (e instanceof Error ? e.message : String(e));
    throw new AppError('internal', `The copy to ${describePostgresUrl(postgresUrl)} failed and was rolled back: ${reason}`);
  } finally {
    if (sqlite.inTransaction) sqlite.prepare('rollback').run();
    sqlite.close();
    await target.pool.end().catch(() => undefined);
  }
}
