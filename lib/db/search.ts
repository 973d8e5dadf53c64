import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { databaseDialectFromEnvironment } from './dialect';

/** Case-insensitive "contains" with LIKE wildcards in the search text taken literally. */
export function contains(column: AnyColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // SQLite's LIKE ignores ASCII case already; PostgreSQL's does not.
  return databaseDialectFromEnvironment() === 'postgres' ? sql`${column} ilike ${pattern} escape '\\'` : sql`${column} like ${pattern} escape '\\'`;
}
