import * as z from 'zod';
import { CONNECTION_TYPES, KINDS } from '@/lib/connections/kinds';
import { DISPLAY_STATUSES } from '@/lib/credentials/credential-status';

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional()).catch(undefined);

/** Filters of the connection lists (members' home and admins' table), read from the URL. */
export const connectionFiltersSchema = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  status: optionalEnum(DISPLAY_STATUSES),
  kind: optionalEnum(KINDS),
  type: optionalEnum(CONNECTION_TYPES),
});

export type ConnectionFilters = z.output<typeof connectionFiltersSchema>;

export function hasFilters(f: ConnectionFilters): boolean {
  return Boolean(f.q || f.status || f.kind || f.type);
}
