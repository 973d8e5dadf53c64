'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { roleSchema } from '@/lib/users/user-schemas';
import { removeUser, setUserRole } from '@/lib/users/users';

const roleChangeSchema = z.object({ userId: z.uuid(), role: roleSchema });

export async function setUserRoleAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const parsed = roleChangeSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    setUserRole(actor, parsed.data.userId, parsed.data.role);
    revalidatePath('/users');
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function removeUserAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const parsed = z.object({ userId: z.uuid() }).safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    if (parsed.data.userId === actor.id) return { ok: false, code: 'conflict', message: 'You cannot remove yourself.' };
    removeUser(actor, parsed.data.userId);
    revalidatePath('/users');
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}
