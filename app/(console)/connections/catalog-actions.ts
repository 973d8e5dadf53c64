'use server';

import { revalidatePath } from 'next/cache';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { createFromTemplate } from '@/lib/catalog/create-from-template';
import { templateInputSchema } from '@/lib/catalog/template-document';

export async function createFromTemplateAction(input: unknown): Promise<ActionResult<{ appId: string }>> {
  try {
    const actor = await requireAdmin();
    const parsed = templateInputSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = createFromTemplate(actor, parsed.data);
    revalidatePath('/connections');
    return { ok: true, data: { appId: result.appId } };
  } catch (e) {
    return toActionResult(e);
  }
}
