'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireUser } from '@/lib/auth/session';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { verifyCredentials, type VerificationResult } from '@/lib/health/verify-credentials';

const verifySchema = z.strictObject({ appId: appIdSchema, env: envNameSchema });

/** "Test" for static credentials: the lib checks team (admins) vs own. */
export async function verifyCredentialsAction(input: unknown): Promise<ActionResult<VerificationResult>> {
  try {
    const actor = await requireUser();
    const parsed = verifySchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await verifyCredentials(actor, parsed.data);
    revalidatePath(`/connections/${parsed.data.appId}`);
    return { ok: true, data: result };
  } catch (e) {
    return toActionResult(e);
  }
}
