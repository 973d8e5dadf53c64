'use client';

import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { RowError, useRowErrors } from '@/components/ui/row-error';

/** Rows of `{ location, key, value }` for token_entries (header/body/query) and auth_entries (query). */
export function EntriesEditor({ name, label, locations, hint }: { name: string; label: string; locations: readonly string[]; hint?: string }) {
  const { control, register, getFieldState, formState } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name });
  const error = getFieldState(name, formState).error;
  const rowErrors = useRowErrors(name);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {fields.map((field, index) => {
        const row = rowErrors(index);
        return (
          <div key={field.id} className="flex flex-wrap items-start gap-2 sm:flex-nowrap">
            {locations.length > 1 ? (
              <select aria-label={`${label} ${index + 1} location`} className={cn(inputClass, 'sm:w-28')} {...row.input('location')} {...register(`${name}.${index}.location`)}>
                {locations.map((l) => <option key={l} value={l}>{l}</option>)}
              </select>
            ) : (
              <input type="hidden" value={locations[0]} {...register(`${name}.${index}.location`)} />
            )}
            <input aria-label={`${label} ${index + 1} key`} placeholder="key" className={cn(inputClass, 'sm:w-1/3')} {...row.input('key')} {...register(`${name}.${index}.key`)} />
            <input aria-label={`${label} ${index + 1} value`} placeholder="value" className={cn(inputClass, 'flex-1')} {...row.input('value')} {...register(`${name}.${index}.value`)} />
            <Button variant="ghost" size="sm" onClick={() => remove(index)} aria-label={`Remove ${label} ${index + 1}`}>Remove</Button>
            <RowError row={row} />
          </div>
        );
      })}
      {error?.message && <p role="alert" className="text-xs font-medium text-red-700">{error.message}</p>}
      <Button variant="secondary" size="sm" onClick={() => append({ location: locations[0], key: '', value: '' })}>Add entry</Button>
    </fieldset>
  );
}
