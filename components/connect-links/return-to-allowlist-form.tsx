'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { saveReturnToAllowlistAction } from '@/app/(console)/settings/connect-links/actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Textarea } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { returnToAllowlistSchema } from '@/lib/connect-links/return-to-allowlist-schema';

type Values = z.input<typeof returnToAllowlistSchema>;

export function ReturnToAllowlistForm({ entries }: { entries: string[] }) {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const form = useForm<Values, unknown, Values>({ resolver: zodResolver(returnToAllowlistSchema, undefined, { raw: true }), defaultValues: { entries: entries.join('\n') } });
  const error = form.formState.errors.entries?.message;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await saveReturnToAllowlistAction(values);
      if (!result.ok) {
        setStatus({ ok: false, message: result.message });
        applyFieldErrors(form, result.fieldErrors);
        return;
      }
      setStatus({ ok: true, message: 'Saved.' });
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Return-to allowlist">
      {status?.ok === false && <FormError message={status.message} />}
      {status?.ok && <Alert tone="success">{status.message}</Alert>}
      <Field id="allowlist" label="Allowed return URLs" hint="One a line: an origin with an optional path, e.g. https://agent.example.com/done. Leave empty to allow none." error={error}>
        <Textarea id="allowlist" rows={5} aria-invalid={Boolean(error)} aria-describedby={describedBy('allowlist', error, true)} {...form.register('entries')} />
      </Field>
      <Button type="submit" pending={pending}>Save allowlist</Button>
    </form>
  );
}
