'use client';

import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { RowError, useRowErrors } from '@/components/ui/row-error';

const toOptions = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v);

/** Parameters asked of whoever sets the credentials: key, label, type, dropdown options. */
export function ParametersEditor() {
  const { control, register } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'parameters' });
  const rowErrors = useRowErrors('parameters');
  const types = (useWatch({ control, name: 'parameters' }) as { type?: string }[] | undefined) ?? [];
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-slate-900">Parameters</legend>
      <p className="text-sm text-slate-600">Asked of whoever sets the credentials; all are required. Use them as <code>{'{key}'}</code> in URLs.</p>
      {fields.map((field, index) => {
        const row = rowErrors(index);
        return (
          <div key={field.id} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[9rem_minmax(0,1fr)_7rem_auto]">
            <input aria-label={`Parameter ${index + 1} key`} placeholder="key" className={cn(inputClass, 'font-mono')} {...row.input('key')} {...register(`parameters.${index}.key`)} />
            <input aria-label={`Parameter ${index + 1} label`} placeholder="Label" className={inputClass} {...row.input('label')} {...register(`parameters.${index}.label`)} />
            <select aria-label={`Parameter ${index + 1} type`} className={inputClass} {...row.input('type')} {...register(`parameters.${index}.type`)}>
              <option value="text">Text</option>
              <option value="password">Password</option>
              <option value="dropdown">Dropdown</option>
            </select>
            {types[index]?.type === 'dropdown' && (
              <input
                aria-label={`Parameter ${index + 1} options`}
                placeholder="Options, comma separated"
                className={cn(inputClass, 'sm:col-span-4 sm:row-start-2')}
                {...row.input('options')}
                {...register(`parameters.${index}.options`, { setValueAs: toOptions })}
              />
            )}
            <Button variant="ghost" size="sm" onClick={() => remove(index)} aria-label={`Remove parameter ${index + 1}`}>Remove</Button>
            <div className="sm:col-span-4"><RowError row={row} /></div>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => append({ key: '', label: '', type: 'text' })}>Add parameter</Button>
    </fieldset>
  );
}
