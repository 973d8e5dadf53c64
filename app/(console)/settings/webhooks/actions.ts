'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { createWebhookEndpoint, deleteWebhookEndpoint, sendTestWebhook } from '@/lib/webhooks/endpoints';
import { webhookEndpointInputSchema } from '@/lib/webhooks/events';

const endpointIdSchema = z.strictObject({ id: z.uuid('Unknown endpoint.') });
const WEBHOOKS = '/settings/webhooks';

/** Returns the signing secret once, to show it; it is stored sealed and never shown again. */
export const createWebhookAction = defineAction({ role: 'admin', schema: webhookEndpointInputSchema, revalidate: WEBHOOKS }, async ({ actor, input }) => {
  const created = await createWebhookEndpoint(actor, input);
  return { secret: created.secret, url: input.url };
});

export const deleteWebhookAction = defineAction({ role: 'admin', schema: endpointIdSchema, revalidate: WEBHOOKS }, async ({ actor, input }) => {
  await deleteWebhookEndpoint(actor, input.id);
});

export const sendTestWebhookAction = defineAction({ role: 'admin', schema: endpointIdSchema, revalidate: WEBHOOKS }, async ({ actor, input }) => {
  await sendTestWebhook(actor, input.id);
});
