'use client';

import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { KeyValueEditor } from '@/components/ui/key-value-editor';
import type { FieldDef } from '@/lib/connections/kinds';
import { EntriesEditor } from './entries-editor';
import { SecretField } from './secret-field';

/** One credential field, rendered from its registry definition. */
export function CredentialField({ field, idPrefix, isSet }: { field: FieldDef; idPrefix: string; isSet: boolean }) {
  const { register, getFieldState, formState } = useFormContext();
  const id = `${idPrefix}-${field.name}`;
  const error = getFieldState(field.name, formState).error?.message;
  const wide = 'sm:col-span-2';
  switch (field.input) {
    case 'secret':
      return <SecretField name={field.name} id={id} label={field.label} isSet={isSet} required={field.required} hint={field.help} error={error} />;
    case 'entries':
      return <SecretEntries field={field} isSet={isSet} />;
    case 'token_entries':
      return <div className={wide}><EntriesEditor name={field.name} label={field.label} locations={['header', 'body', 'query']} hint={field.help} /></div>;
    case 'auth_entries':
      return <div className={wide}><EntriesEditor name={field.name} label={field.label} locations={['query']} hint={field.help} /></div>;
    case 'send_via':
      return (
        <Field id={id} label={field.label} hint={field.help} error={error}>
          <Select id={id} {...register(field.name)}>
            <option value="">Automatic (header, then body)</option>
            <option value="header">Header (client_secret_basic)</option>
            <option value="body">Body (client_secret_post)</option>
          </Select>
        </Field>
      );
    default:
      return (
        <Field id={id} label={field.label} required={field.required} hint={field.help} error={error} className={field.input === 'url' ? wide : undefined}>
          <Input
            id={id}
            type={field.input === 'url' ? 'url' : 'text'}
            placeholder={field.placeholder}
            autoComplete="off"
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy(id, error, field.help)}
            {...register(field.name)}
          />
        </Field>
      );
  }
}

/** key_value entries are secret as a whole: once set they can be replaced, never read back. */
function SecretEntries({ field, isSet }: { field: FieldDef; isSet: boolean }) {
  const [replacing, setReplacing] = useState(!isSet);
  const { setValue } = useFormContext();
  return (
    <div className="space-y-2 sm:col-span-2">
      {isSet && (
        <div className="flex items-center gap-2 text-sm">
          <span className="font-medium text-slate-800">{field.label}</span>
          <Badge tone="green">Set</Badge>
          {replacing ? (
            <Button variant="ghost" size="sm" onClick={() => { setReplacing(false); setValue(field.name, []); }}>Keep stored entries</Button>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => setReplacing(true)} aria-label={`Replace ${field.label}`}>Replace all</Button>
          )}
        </div>
      )}
      {replacing && <KeyValueEditor name={field.name} label={isSet ? `New ${field.label.toLowerCase()}` : field.label} />}
    </div>
  );
}
