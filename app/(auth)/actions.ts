'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { signIn } from '@/lib/auth/config';
import { clientIp } from '@/lib/security/client-ip';
import { safeReturnTo } from '@/lib/security/safe-return-to';
import { signInBlocked, tooManyAttemptsMessage } from '@/lib/security/sign-in-throttle';
import { firstAdminSchema, signInSchema } from '@/lib/users/user-schemas';
import { createFirstAdmin } from '@/lib/users/users';

export async function signInAction(input: unknown, returnTo?: unknown): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    await signIn('credentials', { ...parsed.data, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      const wait = signInBlocked(parsed.data.email, clientIp(await headers()));
      if (wait !== null) return { ok: false, code: 'rate_limited', message: tooManyAttemptsMessage(wait) };
      return { ok: false, code: 'unauthenticated', message: 'That email and password do not match an account.' };
    }
    return toActionResult(e);
  }
  redirect(safeReturnTo(returnTo));
}

export async function setupAction(input: unknown): Promise<ActionResult> {
  const parsed = firstAdminSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    await createFirstAdmin(parsed.data);
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (e) {
    return toActionResult(e);
  }
  redirect('/connections');
}
