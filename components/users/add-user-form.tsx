'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createUserAction } from '@/app/(console)/users/actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { newUserSchema } from '@/lib/users/user-schemas';

type Values = z.input<typeof newUserSchema>;

export function AddUserForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(newUserSchema), defaultValues: { email: '', name: '', role: 'member', password: '' } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await createUserAction(values);
      if (result.ok) {
        setOutcome({ ok: true, message: `${values.email} can now sign in.` });
        form.reset();
        router.refresh();
        return;
      }
      setOutcome({ ok: false, message: result.message });
      applyFieldErrors(form, result.fieldErrors);
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Add a user">
      {outcome && (outcome.ok ? <Alert tone="success">{outcome.message}</Alert> : <FormError message={outcome.message} />)}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-email" label="Email" required error={errors.email?.message}>
          <Input id="new-email" type="email" autoComplete="off" aria-invalid={Boolean(errors.email)} aria-describedby={describedBy('new-email', errors.email?.message)} {...form.register('email')} />
        </Field>
        <Field id="new-name" label="Name" error={errors.name?.message}>
          <Input id="new-name" autoComplete="off" {...form.register('name')} />
        </Field>
        <Field id="new-role" label="Role" required>
          <Select id="new-role" {...form.register('role')}>
            <option value="member">Member: sees connections, sets own credentials</option>
            <option value="admin">Admin: everything</option>
          </Select>
        </Field>
        <Field id="new-password" label="Initial password" required hint="At least 12 characters. Share it privately." error={errors.password?.message}>
          <Input id="new-password" type="password" autoComplete="new-password" aria-invalid={Boolean(errors.password)} aria-describedby={describedBy('new-password', errors.password?.message, true)} {...form.register('password')} />
        </Field>
      </div>
      <Button type="submit" pending={pending}>Add user</Button>
    </form>
  );
}
