/** A unique constraint refused the write, on either database. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A failure's message for a log line: the driver's own reason, never Drizzle's "Failed query" text,
 * which repeats the statement's parameters (sealed values, ids) into the log.
 */
export function databaseErrorMessage(e: unknown): string {
  if (!(e instanceof Error)) return 'unknown error';
  const cause = (e as { cause?: unknown }).cause;
  if (e.message.startsWith('Failed query:')) return cause instanceof Error ? cause.message : 'a database statement failed';
  return e.message;
}
