'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireUser } from '@/lib/auth/session';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { testConnection, type TestResult } from '@/lib/oauth/test-connection';

const testSchema = z.object({ appId: appIdSchema, env: envNameSchema, subjectToken: z.string().max(16_384).optional().transform((v) => v || undefined) });

/** Public endpoint: checks the session itself; the lib checks team vs own. */
export async function testConnectionAction(input: unknown): Promise<ActionResult<TestResult>> {
  try {
    const actor = await requireUser();
    const parsed = testSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await testConnection(actor, parsed.data);
    revalidatePath(`/connections/${parsed.data.appId}`);
    return { ok: true, data: result };
  } catch (e) {
    revalidatePath('/connections');
    return toActionResult(e);
  }
}
