import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { databaseDialectFromEnvironment } from './dialect';

/**
 * A text column compared byte by byte, for an order (and a keyset cursor) that is the same on both
 * databases: SQLite compares text as bytes already (BINARY); PostgreSQL follows the database's
 * locale unless told `collate "C"` (under en_US, `a_b` sorts before `A` and `ab` before `a-c`).
 */
export function byteOrder(column: AnyColumn): SQL {
  return databaseDialectFromEnvironment() === 'postgres' ? sql`${column} collate "C"` : sql`${column}`;
}
