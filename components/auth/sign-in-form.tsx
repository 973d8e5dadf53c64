'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { signInAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { signInSchema } from '@/lib/users/user-schemas';

type Values = z.input<typeof signInSchema>;

export function SignInForm({ returnTo }: { returnTo?: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '' } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(null);
      const result = await signInAction({ ...values, returnTo });
      if (result && !result.ok) setError(result.message);
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">Sign in</h1>
      <FormError message={error} />
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="username" aria-invalid={Boolean(errors.email)} aria-describedby={describedBy('email', errors.email?.message)} {...form.register('email')} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="current-password" aria-invalid={Boolean(errors.password)} aria-describedby={describedBy('password', errors.password?.message)} {...form.register('password')} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>Sign in</Button>
    </form>
  );
}
