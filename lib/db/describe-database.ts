import { env } from '@/lib/env';

/** A PostgreSQL URL without its user and password, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL database';
  }
}

/** The configured database for messages: `PostgreSQL postgres://host/db` or `SQLite /path/file.db`. */
export function describeDatabase(): string {
  const { databaseUrl, databasePath } = env();
  return databaseUrl ? `PostgreSQL ${describePostgresUrl(databaseUrl)}` : `SQLite ${databasePath}`;
}
