import type { ErrorCode, FieldErrors } from '@/lib/errors';
import { toSafeError, zodFieldErrors } from '@/lib/errors';

export type ActionResult<T = undefined> =
  | { ok: true; data?: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; extra?: Record<string, unknown> };

export function toActionResult(e: unknown): ActionResult<never> {
  const safe = toSafeError(e);
  return { ok: false, code: safe.code, message: safe.message, fieldErrors: safe.fields, extra: safe.extra };
}

export function invalidInput(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ActionResult<never> {
  return { ok: false, code: 'bad_input', message: 'Some fields need attention.', fieldErrors: zodFieldErrors(issues) };
}
