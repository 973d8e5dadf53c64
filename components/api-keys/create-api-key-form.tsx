'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { createApiKeyAction } from '@/app/(console)/settings/api-keys/actions';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { ShownOnce } from '@/components/ui/shown-once';
import { useCreateAction } from '@/components/ui/use-create-action';
import { createApiKeySchema } from '@/lib/api-keys/api-key-schemas';

type Values = z.input<typeof createApiKeySchema>;

export function CreateApiKeyForm({ users, selfId }: { users: Array<{ id: string; label: string }>; selfId: string }) {
  const form = useForm<Values, unknown, Values>({ resolver: zodResolver(createApiKeySchema), defaultValues: { name: '', userId: selfId } });
  const errors = form.formState.errors;
  const { pending, error, created, onSubmit } = useCreateAction(form, createApiKeyAction, { resetTo: { name: '', userId: selfId } });
  return (
    <div className="space-y-4">
      {created && (
        <ShownOnce title={`API key “${created.name}” created for ${created.userEmail}`} value={created.key} testId="new-api-key" copyLabel="Copy key">
          Copy it now: it is shown only this once and cannot be recovered.
        </ShownOnce>
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
