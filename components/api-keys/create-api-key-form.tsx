'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createApiKeyAction } from '@/app/(console)/settings/api-keys/actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { createApiKeySchema } from '@/lib/api-keys/api-key-schemas';

type Values = z.input<typeof createApiKeySchema>;

export function CreateApiKeyForm({ users, selfId }: { users: Array<{ id: string; label: string }>; selfId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string; userEmail: string } | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(createApiKeySchema), defaultValues: { name: '', userId: selfId } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setCreated(null);
      const result = await createApiKeyAction(values);
      if (!result.ok) {
        setError(result.message);
        applyFieldErrors(form, result.fieldErrors);
        return;
      }
      setError(null);
      setCreated(result.data ?? null);
      form.reset({ name: '', userId: selfId });
      router.refresh();
    }),
  );
  return (
    <div className="space-y-4">
      {created && (
        <Alert tone="success" title={`API key “${created.name}” created for ${created.userEmail}`}>
          <p>Copy it now: it is shown only this once and cannot be recovered.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-emerald-200">{created.key}</code>
            <CopyButton value={created.key} label="Copy key" />
          </div>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create an API key">
        <FormError message={error} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="key-name" label="Name" required hint="What uses it, e.g. “nightly sync agent”." error={errors.name?.message}>
            <Input id="key-name" autoComplete="off" aria-invalid={Boolean(errors.name)} aria-describedby={describedBy('key-name', errors.name?.message, true)} {...form.register('name')} />
          </Field>
          <Field id="key-user" label="Acts as" hint="The key has this user’s role; a member’s key reads only their own member credentials." error={errors.userId?.message}>
            <Select id="key-user" aria-describedby={describedBy('key-user', errors.userId?.message, true)} {...form.register('userId')}>
              {users.map((u) => (
                <option key={u.id} value={u.id}>{u.label}{u.id === selfId ? ' — you' : ''}</option>
              ))}
            </Select>
          </Field>
        </div>
        <Button type="submit" pending={pending}>Create key</Button>
      </form>
    </div>
  );
}
