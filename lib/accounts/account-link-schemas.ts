import * as z from 'zod';
import { emailSchema, passwordSchema, roleSchema } from '@/lib/users/user-schemas';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;
export const RESET_TTL_MS = 24 * 60 * 60_000;
export const ACCOUNT_LINK_PREFIX = 'cma_';

/** The Users page's invitation form: no password, the invitee chooses one from the link. */
export const inviteUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100).optional().transform((v) => v || undefined),
  role: roleSchema,
});

export const resetLinkSchema = z.object({ userId: z.uuid() });

export const setPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ.' });

export type InviteUserInput = z.output<typeof inviteUserSchema>;
