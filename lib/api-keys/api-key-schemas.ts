import * as z from 'zod';

export const apiKeyNameSchema = z
  .string({ error: 'A name is required.' })
  .trim()
  .min(1, 'A name is required.')
  .max(100, 'At most 100 characters.');

/** `userId`: the user the key acts as (default: the admin creating it). Admins only, checked in lib. */
export const createApiKeySchema = z.object({
  name: apiKeyNameSchema,
  userId: z.union([z.uuid({ error: 'Pick a user.' }), z.literal('')]).optional().transform((v) => v || undefined),
});

export const revokeApiKeySchema = z.object({ id: z.uuid({ error: 'Unknown key.' }) });

export type CreateApiKeyInput = { name: string; userId?: string };
