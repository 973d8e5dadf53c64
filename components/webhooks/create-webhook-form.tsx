'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { createWebhookAction } from '@/app/(console)/settings/webhooks/actions';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { ShownOnce } from '@/components/ui/shown-once';
import { useCreateAction } from '@/components/ui/use-create-action';
import { WEBHOOK_EVENTS, webhookEndpointInputSchema } from '@/lib/webhooks/events';

type Values = z.input<typeof webhookEndpointInputSchema>;
const ALL_EVENTS = [...WEBHOOK_EVENTS];

export function CreateWebhookForm() {
  const form = useForm<Values, unknown, Values>({ resolver: zodResolver(webhookEndpointInputSchema), defaultValues: { url: '', events: ALL_EVENTS } });
  const errors = form.formState.errors;
  const { pending, error, created, onSubmit } = useCreateAction(form, createWebhookAction, { resetTo: { url: '', events: ALL_EVENTS } });
  return (
    <div className="space-y-4">
      {created && (
        <ShownOnce title={`Endpoint ${created.url} added`} value={created.secret} testId="new-webhook-secret" copyLabel="Copy secret">
          Copy its signing secret now: it is shown only this once and cannot be recovered.
        </ShownOnce>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Add a webhook endpoint">
        <FormError message={error} />
        <Field id="webhook-url" label="URL" required hint="Receives a POST per event. Outbound rules apply (OUTBOUND_ALLOWLIST, no metadata addresses)." error={errors.url?.message}>
          <Input id="webhook-url" type="url" autoComplete="off" placeholder="https://hooks.example.com/connections" aria-invalid={Boolean(errors.url)} aria-describedby={describedBy('webhook-url', errors.url?.message, true)} {...form.register('url')} />
        </Field>
        <fieldset className="space-y-2" aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {ALL_EVENTS.map((event) => (
              <label key={event} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" value={event} className="size-4 rounded border-slate-300" {...form.register('events')} />
                <code className="font-mono text-xs">{event}</code>
              </label>
            ))}
          </div>
          {errors.events && <p id="webhook-events-error" role="alert" className="text-xs font-medium text-red-700">{errors.events.message ?? 'Pick at least one event.'}</p>}
        </fieldset>
        <Button type="submit" pending={pending}>Add endpoint</Button>
      </form>
    </div>
  );
}
