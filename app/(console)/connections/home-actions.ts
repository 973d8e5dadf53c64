'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin, requireUser } from '@/lib/auth/session';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { displayNameSchema } from '@/lib/connections/display-name-schema';
import { setDisplayName } from '@/lib/connections/set-display-name';
import { disconnectConnection } from '@/lib/member-home/disconnect-connection';

const disconnectSchema = z.object({ appId: appIdSchema, env: envNameSchema });

/** The signed-in member's own connection only: the owner comes from the session, never the input. */
export async function disconnectAction(input: unknown): Promise<ActionResult<{ revokedAtProvider: boolean }>> {
  try {
    const actor = await requireUser();
    const parsed = disconnectSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const { revocation } = await disconnectConnection(actor, parsed.data.appId, parsed.data.env);
    revalidatePath('/connections');
    return { ok: true, data: { revokedAtProvider: revocation === 'revoked' } };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function setDisplayNameAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const parsed = displayNameSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    setDisplayName(actor, parsed.data);
    revalidatePath(`/connections/${parsed.data.appId}`);
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}
