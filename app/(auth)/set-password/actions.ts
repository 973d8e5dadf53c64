'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/actions/define-action';
import { setPasswordSchema } from '@/lib/accounts/account-link-schemas';
import { setPasswordFromLink } from '@/lib/accounts/use-account-link';
import { signIn } from '@/lib/auth/config';

// Public by design: the single-use token is the authorization; it is checked in lib.
export const setPasswordAction = defineAction({ role: 'public', schema: setPasswordSchema }, async ({ input }): Promise<undefined> => {
  try {
    const { email } = await setPasswordFromLink(input.token, input.password);
    await signIn('credentials', { email, password: input.password, redirect: false });
  } catch (e) {
    // The password is set; only the automatic sign-in failed (throttled): the sign-in page works.
    if (e instanceof AuthError) redirect('/login');
    throw e;
  }
  redirect('/connections');
});
