import { env } from '@/lib/env';

/** `postgres` when DATABASE_URL is set, else the embedded SQLite file. Fixed for the life of the process. */
export function databaseDialectFromEnvironment(): 'sqlite' | 'postgres' {
  return env().databaseUrl ? 'postgres' : 'sqlite';
}
