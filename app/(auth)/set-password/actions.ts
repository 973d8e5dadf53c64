'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { setPasswordSchema } from '@/lib/accounts/account-link-schemas';
import { setPasswordFromLink } from '@/lib/accounts/use-account-link';
import { signIn } from '@/lib/auth/config';

/** Public by design: the single-use token is the authorization; it is checked in lib. */
export async function setPasswordAction(input: unknown): Promise<ActionResult> {
  const parsed = setPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    const { email } = await setPasswordFromLink(parsed.data.token, parsed.data.password);
    await signIn('credentials', { email, password: parsed.data.password, redirect: false });
  } catch (e) {
    // The password is set; only the automatic sign-in failed (throttled): the sign-in page works.
    if (e instanceof AuthError) redirect('/login');
    return toActionResult(e);
  }
  redirect('/connections');
}
