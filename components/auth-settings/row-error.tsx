'use client';

import { useFormContext } from 'react-hook-form';

/** The first error under a row path (for example `parameters.2`), shown once under that row. */
export function RowError({ path }: { path: string }) {
  const { getFieldState, formState } = useFormContext();
  const error = getFieldState(path, formState).error as Record<string, unknown> | undefined;
  const nested = Object.values(error ?? {}).find((e): e is { message: string } => typeof (e as { message?: unknown } | null)?.message === 'string');
  const message = (typeof error?.message === 'string' ? error.message : undefined) ?? nested?.message;
  if (!message) return null;
  return <p role="alert" className="w-full text-xs font-medium text-red-700">{message}</p>;
}
