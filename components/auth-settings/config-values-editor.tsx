'use client';

import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { RowError, useRowErrors } from '@/components/ui/row-error';

type Row = { key?: string; type?: string; has_value?: boolean };

/** Static config values resolved with the credentials; password ones are write-only. */
export function ConfigValuesEditor({ storedSecrets }: { storedSecrets: string[] }) {
  const { control, register } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'config_values' });
  const rowErrors = useRowErrors('config_values');
  const rows = (useWatch({ control, name: 'config_values' }) as Row[] | undefined) ?? [];
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-slate-900">Config values</legend>
      <p className="text-sm text-slate-600">Fixed values resolved with the credentials. Visible ones are shown to the credential owner.</p>
      {fields.map((field, index) => {
        const row = rows[index] ?? {};
        const secretSet = row.type === 'password' && storedSecrets.includes(row.key ?? '');
        const error = rowErrors(index);
        return (
          <div key={field.id} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[9rem_minmax(0,1fr)_7rem]">
            <input aria-label={`Config value ${index + 1} key`} placeholder="key" className={cn(inputClass, 'font-mono')} {...error.input('key')} {...register(`config_values.${index}.key`)} />
            <input aria-label={`Config value ${index + 1} label`} placeholder="Label" className={inputClass} {...error.input('label')} {...register(`config_values.${index}.label`)} />
            <select aria-label={`Config value ${index + 1} type`} className={inputClass} {...error.input('type')} {...register(`config_values.${index}.type`)}>
              <option value="text">Text</option>
              <option value="password">Password</option>
            </select>
            <input
              aria-label={`Config value ${index + 1} value`}
              type={row.type === 'password' ? 'password' : 'text'}
              autoComplete="new-password"
              placeholder={secretSet ? 'Set: leave empty to keep' : 'value'}
              className={cn(inputClass, 'sm:col-span-2')}
              {...error.input('value')}
              {...register(`config_values.${index}.value`)}
            />
            <div className="flex items-center justify-between gap-2">
              <label className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" {...register(`config_values.${index}.visible`)} aria-label={`Config value ${index + 1} visible`} /> Visible
              </label>
              <Button variant="ghost" size="sm" onClick={() => remove(index)} aria-label={`Remove config value ${index + 1}`}>Remove</Button>
            </div>
            <div className="sm:col-span-3"><RowError row={error} /></div>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => append({ key: '', label: '', type: 'text', value: '', visible: true })}>Add config value</Button>
    </fieldset>
  );
}
