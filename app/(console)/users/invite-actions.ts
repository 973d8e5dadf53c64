'use server';

import { defineAction } from '@/lib/actions/define-action';
import { inviteUserSchema, resetLinkSchema } from '@/lib/accounts/account-link-schemas';
import { createPasswordResetLink, inviteUser } from '@/lib/accounts/create-account-link';

/** Returns the invitation link once, to copy; only its hash is stored. */
export const inviteUserAction = defineAction({ role: 'admin', schema: inviteUserSchema, revalidate: '/users' }, ({ actor, input }) =>
  inviteUser(actor, input),
);

export const passwordResetLinkAction = defineAction({ role: 'admin', schema: resetLinkSchema }, ({ actor, input }) =>
  createPasswordResetLink(actor, input.userId),
);
