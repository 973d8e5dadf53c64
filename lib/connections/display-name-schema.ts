import * as z from 'zod';
import { appIdSchema } from './value-schemas';

export const displayNameSchema = z.object({
  appId: appIdSchema,
  displayName: z.string().trim().max(100, 'At most 100 characters.').transform((v) => v || null),
});
