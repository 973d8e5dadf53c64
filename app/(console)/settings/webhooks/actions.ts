'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { createWebhookEndpoint, deleteWebhookEndpoint, sendTestWebhook } from '@/lib/webhooks/endpoints';
import { webhookEndpointInputSchema } from '@/lib/webhooks/events';

const endpointIdSchema = z.strictObject({ id: z.uuid('Unknown endpoint.') });

/** Returns the signing secret once, to show it; it is stored sealed and never shown again. */
export async function createWebhookAction(input: unknown): Promise<ActionResult<{ secret: string; url: string }>> {
  try {
    const actor = await requireAdmin();
    const parsed = webhookEndpointInputSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const created = createWebhookEndpoint(actor, parsed.data);
    revalidatePath('/settings/webhooks');
    return { ok: true, data: { secret: created.secret, url: parsed.data.url } };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function deleteWebhookAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const parsed = endpointIdSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    deleteWebhookEndpoint(actor, parsed.data.id);
    revalidatePath('/settings/webhooks');
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function sendTestWebhookAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const parsed = endpointIdSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    sendTestWebhook(actor, parsed.data.id);
    revalidatePath('/settings/webhooks');
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}
