import * as z from 'zod';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { emailSchema } from '@/lib/users/user-schemas';

export const DEFAULT_CONNECT_LINK_TTL_SECONDS = 24 * 60 * 60;
const MAX_TTL_SECONDS = 30 * 24 * 60 * 60;
const UNITS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `90`, `30m`, `24h`, `7d`: seconds, from one minute to 30 days. */
export const expiresInSchema = z
  .union([z.number(), z.string().trim()])
  .transform((value, ctx) => {
    const match = typeof value === 'number' ? [String(value), String(value), 's'] : /^(\d{1,7})\s*([smhd]?)$/.exec(value);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'Use a duration such as 30m, 24h or 7d.' });
      return z.NEVER;
    }
    return Number(match[1]) * UNITS[(match[2] || 's') as keyof typeof UNITS];
  })
  .pipe(z.number().int().min(60, 'A link lives at least one minute.').max(MAX_TTL_SECONDS, 'A link lives at most 30 days.'));

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}: at most ${max} characters.`).optional().transform((v) => v || undefined);

/** The body of the API, the console form and the CLI flags. */
export const connectLinkInputSchema = z.object({
  user: emailSchema,
  requested_by: optionalText(100, 'Requested by'),
  reason: optionalText(300, 'Reason'),
  expires_in: expiresInSchema.optional(),
  return_to: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a full http(s) URL.' }).optional()),
});

export const createConnectLinkSchema = connectLinkInputSchema.extend({ appId: appIdSchema, env: envNameSchema });

export type ConnectLinkInput = z.output<typeof connectLinkInputSchema>;
export type CreateConnectLinkInput = z.output<typeof createConnectLinkSchema>;
