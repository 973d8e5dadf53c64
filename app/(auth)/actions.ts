'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { signIn } from '@/lib/auth/config';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/security/client-ip';
import { safeReturnTo } from '@/lib/security/safe-return-to';
import { signInBlocked, tooManyAttemptsMessage } from '@/lib/security/sign-in-throttle';
import { firstAdminSchema, signInSchema } from '@/lib/users/user-schemas';
import { createFirstAdmin } from '@/lib/users/users';

// `returnTo` is checked by safeReturnTo (same-origin paths only), whatever is sent.
const signInActionSchema = signInSchema.extend({ returnTo: z.unknown().optional() });

export const signInAction = defineAction({ role: 'public', schema: signInActionSchema }, async ({ input: { email, password, returnTo } }) => {
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    const wait = await signInBlocked(email, clientIp(await headers()));
    if (wait !== null) throw new AppError('rate_limited', tooManyAttemptsMessage(wait));
    throw new AppError('unauthenticated', 'That email and password do not match an account.');
  }
  redirect(safeReturnTo(returnTo));
});

export const setupAction = defineAction({ role: 'public', schema: firstAdminSchema }, async ({ input }) => {
  await createFirstAdmin(input);
  await signIn('credentials', { email: input.email, password: input.password, redirect: false });
  redirect('/connections');
});
