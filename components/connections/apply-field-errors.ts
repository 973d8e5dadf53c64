import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

/** Puts a server action's `fieldErrors` on the matching form fields (paths as in the zod schema). */
export function applyFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, fieldErrors: Record<string, string> | undefined, prefix = '') {
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    form.setError(`${prefix}${path}` as Path<T>, { type: 'server', message }, { shouldFocus: true });
  }
}
