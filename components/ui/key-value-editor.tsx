'use client';

import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from './button';
import { inputClass } from './field';
import { cn } from './cn';
import { RowError, useRowErrors } from './row-error';

/** Editable key = value rows bound to a react-hook-form array of `{ key, value }`. */
export function KeyValueEditor({ name, label, addLabel = 'Add entry', valuePlaceholder = 'value' }: { name: string; label: string; addLabel?: string; valuePlaceholder?: string }) {
  const { control, register, getFieldState, formState } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name });
  const groupError = getFieldState(name, formState).error;
  const rowErrors = useRowErrors(name);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {fields.length === 0 && <p className="text-xs text-slate-500">None.</p>}
      {fields.map((field, index) => {
        const row = rowErrors(index);
        return (
          <div key={field.id} className="flex flex-wrap items-start gap-2 sm:flex-nowrap">
            <input aria-label={`${label} ${index + 1} key`} placeholder="key" className={cn(inputClass, 'sm:w-1/3')} {...row.input('key')} {...register(`${name}.${index}.key`)} />
            <input aria-label={`${label} ${index + 1} value`} placeholder={valuePlaceholder} className={cn(inputClass, 'flex-1')} {...row.input('value')} {...register(`${name}.${index}.value`)} />
            <Button variant="ghost" size="sm" onClick={() => remove(index)} aria-label={`Remove ${label} ${index + 1}`}>Remove</Button>
            <RowError row={row} />
          </div>
        );
      })}
      {groupError?.message && <p role="alert" className="text-xs font-medium text-red-700">{groupError.message}</p>}
      <Button variant="secondary" size="sm" onClick={() => append({ key: '', value: '' })}>{addLabel}</Button>
    </fieldset>
  );
}
