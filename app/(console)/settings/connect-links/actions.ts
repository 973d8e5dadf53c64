'use server';

import { revalidatePath } from 'next/cache';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { returnToAllowlistSchema, saveReturnToAllowlist } from '@/lib/connect-links/return-to-allowlist';

export async function saveReturnToAllowlistAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const parsed = returnToAllowlistSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    saveReturnToAllowlist(actor, parsed.data.entries);
    revalidatePath('/settings/connect-links');
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}
