'use client';

import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Field, inputClass, Select } from '@/components/ui/field';
import { RowError, useRowErrors } from '@/components/ui/row-error';

/** Scope names with a Required toggle, the member choices and the delimiter (SPEC §3 `auth.scopes`). */
export function ScopesEditor() {
  const { control, register } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'scopes.items' });
  const rowErrors = useRowErrors('scopes.items');
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">Scopes</legend>
      <ul className="space-y-2" aria-label="Scopes">
        {fields.map((field, index) => {
          const row = rowErrors(index);
          return (
            <li key={field.id} className="flex flex-wrap items-center gap-2">
              <input aria-label={`Scope ${index + 1} name`} placeholder="scope name" className={cn(inputClass, 'flex-1 font-mono')} {...row.input('name')} {...register(`scopes.items.${index}.name`)} />
              <label className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" {...register(`scopes.items.${index}.required`)} aria-label={`Scope ${index + 1} required`} /> Required
              </label>
              <Button variant="ghost" size="sm" onClick={() => remove(index)} aria-label={`Remove scope ${index + 1}`}>Remove</Button>
              <RowError row={row} />
            </li>
          );
        })}
      </ul>
      {fields.length === 0 && <p className="text-sm text-slate-500">No scopes yet. Members will be asked for none.</p>}
      <Button variant="secondary" size="sm" onClick={() => append({ name: '', required: false })}>Add scope</Button>
      <div className="space-y-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" {...register('scopes.allow_customize')} /> Allow users to customize scopes
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" {...register('scopes.allow_additional')} /> Allow users to request additional scopes
        </label>
      </div>
      <Field id="scopes-delimiter" label="Delimiter" hint="How scopes are joined in the authorization and token requests.">
        <Select id="scopes-delimiter" className="sm:w-48" {...register('scopes.delimiter')}>
          <option value="space">Space</option>
          <option value="comma">Comma</option>
        </Select>
      </Field>
    </fieldset>
  );
}
