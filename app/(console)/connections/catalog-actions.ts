'use server';

import { revalidatePath } from 'next/cache';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { z } from 'zod';
import { createFromAnyTemplate } from '@/lib/catalog/create-from-template';
import { templateInputSchema } from '@/lib/catalog/template-document';
import { discoverIssuer, type IssuerMetadata } from '@/lib/oauth/discover-issuer';

export async function createFromTemplateAction(input: unknown): Promise<ActionResult<{ appId: string }>> {
  try {
    const actor = await requireAdmin();
    const parsed = templateInputSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await createFromAnyTemplate(actor, parsed.data);
    revalidatePath('/connections');
    return { ok: true, data: { appId: result.appId } };
  } catch (e) {
    return toActionResult(e);
  }
}

const discoverSchema = z.object({ issuer: z.url({ protocol: /^https?$/, error: 'Enter the issuer’s http(s) URL.' }).max(2000) });

/** "Fill from issuer URL": the provider's public metadata (no secret), through the outbound guard. */
export async function discoverIssuerAction(input: unknown): Promise<ActionResult<IssuerMetadata>> {
  try {
    await requireAdmin();
    const parsed = discoverSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return { ok: true, data: await discoverIssuer(parsed.data.issuer) };
  } catch (e) {
    return toActionResult(e);
  }
}
