'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { setupAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { firstAdminSchema } from '@/lib/users/user-schemas';

type Values = z.input<typeof firstAdminSchema>;

export function SetupForm() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(firstAdminSchema), defaultValues: { email: '', name: '', password: '' } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(null);
      const result = await setupAction(values);
      if (result && !result.ok) {
        setError(result.message);
        for (const [name, message] of Object.entries(result.fieldErrors ?? {})) form.setError(name as keyof Values, { message });
      }
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Create the first admin</h1>
        <p className="mt-1 text-sm text-slate-600">This page is available only until the first account exists.</p>
      </div>
      <FormError message={error} />
      <Field id="name" label="Name" error={errors.name?.message}>
        <Input id="name" autoComplete="name" {...form.register('name')} />
      </Field>
      <Field id="email" label="Email" required error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="username" aria-invalid={Boolean(errors.email)} aria-describedby={describedBy('email', errors.email?.message)} {...form.register('email')} />
      </Field>
      <Field id="password" label="Password" required hint="At least 12 characters." error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="new-password" aria-invalid={Boolean(errors.password)} aria-describedby={describedBy('password', errors.password?.message, true)} {...form.register('password')} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>Create admin and sign in</Button>
    </form>
  );
}
