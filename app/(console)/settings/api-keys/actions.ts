'use server';

import { revalidatePath } from 'next/cache';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { createApiKeySchema, revokeApiKeySchema } from '@/lib/api-keys/api-key-schemas';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { requireAdmin } from '@/lib/auth/session';

/** Returns the clear key once, to show it; it is never readable again. */
export async function createApiKeyAction(input: unknown): Promise<ActionResult<{ key: string; name: string; userEmail: string }>> {
  try {
    const actor = await requireAdmin();
    const parsed = createApiKeySchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const created = createApiKey(actor, parsed.data);
    revalidatePath('/settings/api-keys');
    return { ok: true, data: { key: created.key, name: created.name, userEmail: created.userEmail } };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function revokeApiKeyAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const parsed = revokeApiKeySchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    revokeApiKey(actor, parsed.data.id);
    revalidatePath('/settings/api-keys');
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}
