'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { setPasswordAction } from '@/app/(auth)/set-password/actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { setPasswordSchema } from '@/lib/accounts/account-link-schemas';

type Values = z.input<typeof setPasswordSchema>;

export function SetPasswordForm({ token, email, purpose }: { token: string; email: string; purpose: 'invite' | 'reset' }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(setPasswordSchema), defaultValues: { token, password: '', confirm: '' } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(null);
      const result = await setPasswordAction(values);
      if (result && !result.ok) {
        setError(result.message);
        applyFieldErrors(form, result.fieldErrors);
      }
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose a password">
      <h1 className="text-lg font-semibold">{purpose === 'invite' ? 'Welcome' : 'Choose a new password'}</h1>
      <p className="text-sm text-slate-600">
        {purpose === 'invite' ? `Choose a password for ${email} to finish setting up your account.` : `Choose a new password for ${email}. Your old password stops working.`}
      </p>
      <FormError message={error} />
      <input type="hidden" autoComplete="username" value={email} readOnly />
      <Field id="new-password" label="New password" hint="At least 12 characters." error={errors.password?.message}>
        <Input id="new-password" type="password" autoComplete="new-password" aria-invalid={Boolean(errors.password)} aria-describedby={describedBy('new-password', errors.password?.message, true)} {...form.register('password')} />
      </Field>
      <Field id="confirm-password" label="Repeat the password" error={errors.confirm?.message}>
        <Input id="confirm-password" type="password" autoComplete="new-password" aria-invalid={Boolean(errors.confirm)} aria-describedby={describedBy('confirm-password', errors.confirm?.message)} {...form.register('confirm')} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>{purpose === 'invite' ? 'Set password and sign in' : 'Save new password and sign in'}</Button>
    </form>
  );
}
