import * as z from 'zod';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { AppError, zodFieldErrors } from '@/lib/errors';

/** Schemas of the API's own query and path values (bodies use the shared connection schemas). */

export const listQuerySchema = z.object({
  limit: z.coerce.number({ error: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit is at least 1.').max(100, 'limit is at most 100.').default(25),
  // Checked by listConnections, which every door goes through (a bad one is a 400 on `cursor`).
  cursor: z.string().max(400).optional().describe('next_cursor of the previous page, as given.'),
  q: z.string().max(100).optional(),
});

export const connectionParamsSchema = z.object({ appId: appIdSchema });
export const environmentParamsSchema = z.object({ appId: appIdSchema, env: envNameSchema });

const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1');

export const writeOptionsSchema = z.object({ confirm_credential_removal: flag });
export const importQuerySchema = z.object({ dry_run: flag, confirm_credential_removal: flag });
export const runtimeQuerySchema = z.object({ user: z.email({ error: 'user must be an email address.' }).max(254).optional() });

/** Parses with a schema, turning a failure into a 400 with per-field paths. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, message = 'Some fields need attention.'): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('bad_input', message, zodFieldErrors(result.error.issues));
  return result.data;
}

export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}
