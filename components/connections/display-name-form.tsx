'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { setDisplayNameAction } from '@/app/(console)/connections/home-actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { displayNameSchema } from '@/lib/connections/display-name-schema';

type Values = z.input<typeof displayNameSchema>;

/** Admins: the optional human name members see next to the app id. */
export function DisplayNameForm({ appId, displayName }: { appId: string; displayName: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<Values, unknown, Values>({ resolver: zodResolver(displayNameSchema, undefined, { raw: true }), defaultValues: { appId, displayName: displayName ?? '' } });
  const error = form.formState.errors.displayName?.message;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await setDisplayNameAction(values);
      if (!result.ok) {
        setStatus(result.message);
        applyFieldErrors(form, result.fieldErrors);
        return;
      }
      setStatus('Saved.');
      router.refresh();
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Display name" className="flex flex-wrap items-end gap-2">
      <Field id="display-name" label="Display name" hint="Shown to members next to the app ID; search finds it too." error={error} className="min-w-64 flex-1">
        <Input id="display-name" autoComplete="off" maxLength={100} aria-invalid={Boolean(error)} aria-describedby={describedBy('display-name', error, true)} {...form.register('displayName')} />
      </Field>
      <Button type="submit" variant="secondary" pending={pending}>Save name</Button>
      {status && <p role="status" className="w-full text-sm text-slate-600">{status}</p>}
    </form>
  );
}
