'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { AppError } from '@/lib/errors';
import { roleSchema } from '@/lib/users/user-schemas';
import { removeUser, setUserRole } from '@/lib/users/users';

const roleChangeSchema = z.object({ userId: z.uuid(), role: roleSchema });

export const setUserRoleAction = defineAction({ role: 'admin', schema: roleChangeSchema, revalidate: '/users' }, ({ actor, input }) =>
  setUserRole(actor, input.userId, input.role),
);

export const removeUserAction = defineAction({ role: 'admin', schema: z.object({ userId: z.uuid() }), revalidate: '/users' }, async ({ actor, input }) => {
  if (input.userId === actor.id) throw new AppError('conflict', 'You cannot remove yourself.');
  await removeUser(actor, input.userId);
});
