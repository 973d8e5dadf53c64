'use server';

import { signIn } from '@/lib/auth/config';
import { OIDC_PROVIDER_ID } from '@/lib/auth/oidc/oidc-provider';
import { oidcSettings } from '@/lib/auth/oidc/oidc-settings';
import { safeReturnTo } from '@/lib/security/safe-return-to';

/** Off to the identity provider; back to the page the visitor opened (checked to stay on this console). */
export async function signInWithOidcAction(formData: FormData): Promise<void> {
  if (!oidcSettings()) return;
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeReturnTo(formData.get('returnTo')) });
}
