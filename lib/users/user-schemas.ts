import * as z from 'zod';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ error: 'Enter a valid email address.' }).max(254));
export const passwordSchema = z
  .string({ error: 'A password is required.' })
  .min(12, 'Use at least 12 characters.')
  .max(200, 'Use at most 200 characters.');
export const roleSchema = z.enum(['admin', 'member'], { error: 'Role must be admin or member.' });

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100).optional().transform((v) => v || undefined),
  role: roleSchema,
  password: passwordSchema,
});

export const firstAdminSchema = newUserSchema.omit({ role: true });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(200),
});

export type NewUserInput = z.input<typeof newUserSchema>;

/** Self-service password change (`/account`): the form, the action and the lib verb share it. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: 'Repeat the new password.' }).max(200),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two new passwords do not match.' });
    if (v.newPassword === v.currentPassword) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'Choose a password different from the current one.' });
  });

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
