import * as z from 'zod';

/** The answer of `POST …/{env}/refresh`: what was renewed, never the token. */
export const forcedRefreshSchema = z.object({
  app_id: z.string(),
  env: z.enum(['draft', 'live']),
  owner: z.string().describe('`team`, or the member’s email.'),
  status: z.literal('connected'),
  expires_at: z.string().nullable().describe('ISO 8601; null when the provider gave no expiry.'),
  scopes: z.array(z.string()),
});
