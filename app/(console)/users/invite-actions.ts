'use server';

import { revalidatePath } from 'next/cache';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { inviteUserSchema, resetLinkSchema } from '@/lib/accounts/account-link-schemas';
import { createPasswordResetLink, inviteUser, type CreatedAccountLink } from '@/lib/accounts/create-account-link';
import { requireAdmin } from '@/lib/auth/session';

/** Returns the invitation link once, to copy; only its hash is stored. */
export async function inviteUserAction(input: unknown): Promise<ActionResult<CreatedAccountLink>> {
  try {
    const actor = await requireAdmin();
    const parsed = inviteUserSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const link = inviteUser(actor, parsed.data);
    revalidatePath('/users');
    return { ok: true, data: link };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function passwordResetLinkAction(input: unknown): Promise<ActionResult<CreatedAccountLink>> {
  try {
    const actor = await requireAdmin();
    const parsed = resetLinkSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return { ok: true, data: createPasswordResetLink(actor, parsed.data.userId) };
  } catch (e) {
    return toActionResult(e);
  }
}
