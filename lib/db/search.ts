import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Case-insensitive "contains" with LIKE wildcards in the search text taken literally. */
export function contains(column: AnyColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} like ${pattern} escape '\\'`;
}
