'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import type { ActionResult } from '@/lib/actions/action-result';

/**
 * Submits a create form to its server action: field errors onto the fields, the created result kept
 * for showing once, the form reset and (unless told not to) the page refreshed.
 */
export function useCreateAction<V extends FieldValues, T>(
  form: UseFormReturn<V, unknown, V>,
  action: (values: V) => Promise<ActionResult<T>>,
  options: { resetTo?: V; refresh?: boolean } = {},
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<T | null>(null);
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setCreated(null);
      const result = await action(values);
      if (!result.ok) {
        setError(result.message);
        applyFieldErrors(form, result.fieldErrors);
        return;
      }
      setError(null);
      setCreated(result.data ?? null);
      form.reset(options.resetTo);
      if (options.refresh !== false) router.refresh();
    }),
  );
  return { pending, error, created, onSubmit };
}
