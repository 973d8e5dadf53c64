import * as z from 'zod';

export const WEBHOOK_EVENTS = [
  'credential.created',
  'credential.updated',
  'credential.refresh_failed',
  'credential.recovered',
  'credential.expiring',
  'member.must_reconnect',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What a webhook tells: which credential, whose, and what happened. Never a secret. */
export type WebhookData = {
  app_id: string;
  env: string;
  /** `team`, or the member's email. */
  owner: string;
  kind: string;
  outcome: 'success' | 'failure' | 'test';
  error_code?: string | null;
  message?: string | null;
};

/** One schema for the form, the server action and the API. */
export const webhookEndpointInputSchema = z.strictObject({
  url: z.string().trim().min(1, 'Enter the URL that receives the events.').max(2000, 'At most 2000 characters.').pipe(z.url({ protocol: /^https?$/, error: 'Enter an http(s) URL.' })),
  events: z.array(z.enum(WEBHOOK_EVENTS, { error: 'Unknown event.' })).min(1, 'Pick at least one event.').transform((events) => [...new Set(events)]),
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointInputSchema>;
