'use client';

import { useFormContext } from 'react-hook-form';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import type { AuthSettings } from '@/lib/connections/auth-settings-schema';
import { SecretField } from './secret-field';

/** The builder's parameters (SPEC §3): all required; password ones are write-only secrets. */
export function ParameterFields({ parameters, idPrefix, secretsSet }: { parameters: AuthSettings['parameters']; idPrefix: string; secretsSet: string[] }) {
  const { register, getFieldState, formState } = useFormContext();
  return (
    <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4 sm:grid-cols-2">
      <legend className="px-1 text-sm font-medium text-slate-800">Parameters</legend>
      {parameters.map((p) => {
        const name = `parameters.${p.key}`;
        const id = `${idPrefix}-param-${p.key}`;
        const error = getFieldState(name, formState).error?.message;
        if (p.type === 'password') {
          return <SecretField key={p.key} name={name} id={id} label={p.label} isSet={secretsSet.includes(name)} required error={error} />;
        }
        return (
          <Field key={p.key} id={id} label={p.label} required error={error}>
            {p.type === 'dropdown' ? (
              <Select id={id} aria-invalid={Boolean(error)} {...register(name)}>
                <option value="">Choose…</option>
                {p.options?.map((o) => <option key={o} value={o}>{o}</option>)}
              </Select>
            ) : (
              <Input id={id} aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error)} {...register(name)} />
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}
