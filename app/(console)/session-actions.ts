'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { signOut } from '@/lib/auth/config';

// Public: signing out without a session only redirects to the sign-in page.
const signOutOnce = defineAction({ role: 'public', schema: z.unknown() }, async () => {
  await signOut({ redirectTo: '/login' });
});

/** The nav's sign-out form posts here (a form action returns nothing; success redirects). */
export async function signOutAction(formData?: FormData): Promise<void> {
  await signOutOnce(formData);
}
