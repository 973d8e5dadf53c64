import { ZodError } from 'zod';
import { isAppError } from '@/lib/errors';
import { UsageError } from './cli-types';

/** One line for stderr, and the exit code: 2 for usage, 1 for everything else. */
export function describeCliError(e: unknown): { line: string; code: number } {
  if (e instanceof UsageError) return { line: e.message, code: 2 };
  if (e instanceof ZodError) {
    const first = e.issues[0];
    return { line: `${first.path.join('.') || 'input'}: ${first.message}`, code: 1 };
  }
  if (isAppError(e)) {
    const fields = Object.entries(e.fields ?? {});
    const detail = fields.length ? ` (${fields.map(([k, v]) => `${k}: ${v}`).join('; ')})` : '';
    return { line: `${e.message}${detail}`, code: 1 };
  }
  const name = e instanceof Error ? e.message : String(e);
  return { line: `unexpected error: ${name}`, code: 1 };
}
