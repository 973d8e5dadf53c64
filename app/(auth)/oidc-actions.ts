'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { signIn } from '@/lib/auth/config';
import { OIDC_PROVIDER_ID } from '@/lib/auth/oidc/oidc-provider';
import { oidcSettings } from '@/lib/auth/oidc/oidc-settings';
import { safeReturnTo } from '@/lib/security/safe-return-to';

// Public: it starts a sign-in. `returnTo` is checked by safeReturnTo (same-origin paths only).
const startOidcSignIn = defineAction({ role: 'public', schema: z.instanceof(FormData) }, async ({ input }) => {
  if (!oidcSettings()) return;
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeReturnTo(input.get('returnTo')) });
});

/** Off to the identity provider; back to the page the visitor opened. A form action returns nothing (success redirects). */
export async function signInWithOidcAction(formData: FormData): Promise<void> {
  await startOidcSignIn(formData);
}
