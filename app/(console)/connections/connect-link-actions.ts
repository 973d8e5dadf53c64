'use server';

import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { createConnectLinkSchema } from '@/lib/connect-links/connect-link-schemas';
import { createConnectLink, type CreatedConnectLink } from '@/lib/connect-links/create-connect-link';

/** Returns the link once, to copy; only its hash is stored. */
export async function createConnectLinkAction(input: unknown): Promise<ActionResult<CreatedConnectLink>> {
  try {
    const actor = await requireAdmin();
    const parsed = createConnectLinkSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return { ok: true, data: createConnectLink(actor, parsed.data) };
  } catch (e) {
    return toActionResult(e);
  }
}
