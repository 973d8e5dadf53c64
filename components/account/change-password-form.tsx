'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { changePasswordAction } from '@/app/(console)/account/actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { changePasswordSchema, type ChangePasswordInput } from '@/lib/users/user-schemas';

const EMPTY: ChangePasswordInput = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordForm() {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: false; message: string } | null>(null);
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchema), defaultValues: EMPTY });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setOutcome(null);
      // On success the action redirects to /account?password=changed, which says so.
      const result = await changePasswordAction(values);
      if (result?.ok === false) {
        setOutcome({ ok: false, message: result.message });
        applyFieldErrors(form, result.fieldErrors);
      }
    }),
  );
  const field = (name: keyof ChangePasswordInput, label: string, autoComplete: string, hint?: string) => {
    const id = `account-${name}`;
    const error = errors[name]?.message;
    return (
      <Field id={id} label={label} required hint={hint} error={error}>
        <Input id={id} type="password" autoComplete={autoComplete} aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error, Boolean(hint))} {...form.register(name)} />
      </Field>
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-label="Change password">
      {outcome && <FormError message={outcome.message} />}
      {field('currentPassword', 'Current password', 'current-password')}
      {field('newPassword', 'New password', 'new-password', 'At least 12 characters.')}
      {field('confirmPassword', 'Repeat new password', 'new-password')}
      <Button type="submit" pending={pending}>Change password</Button>
    </form>
  );
}
