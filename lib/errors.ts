import { databaseErrorMessage } from '@/lib/db/errors';

export const ERROR_STATUS = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  member_must_connect: 428,
  rate_limited: 429,
  provider_failed: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string>;

/** An error whose message is safe to show to the caller. Anything else is reported as `internal`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function badInput(message: string, fields?: FieldErrors): AppError {
  return new AppError('bad_input', message, fields);
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}

export function forbidden(message = 'You are not allowed to do this.'): AppError {
  return new AppError('forbidden', message);
}

type ZodIssueLike = { path: PropertyKey[]; message: string; code?: string; keys?: readonly string[] };

/** Zod reports unknown keys on their object; each gets its own path here, so a field or a line can be named. */
export function splitUnknownKeys(issues: ReadonlyArray<ZodIssueLike>): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys?.length
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: `Unknown field "${key.slice(0, 60)}".` }))
      : [issue],
  );
}

/** Flattens zod issues into `{ "path.to.field": "message" }`, first message per path. */
export function zodFieldErrors(issues: ReadonlyArray<ZodIssueLike>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of splitUnknownKeys(issues)) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function toSafeError(e: unknown): { code: ErrorCode; message: string; fields?: FieldErrors; extra?: Record<string, unknown> } {
  if (isAppError(e)) return { code: e.code, message: e.message, fields: e.fields, extra: e.extra };
  console.error('[internal error]', e instanceof Error ? `${e.name}: ${databaseErrorMessage(e)}` : 'non-error thrown');
  return { code: 'internal', message: 'Something went wrong on our side. Try again, and tell an admin if it persists.' };
}
