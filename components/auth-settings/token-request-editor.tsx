'use client';

import { useFormContext } from 'react-hook-form';
import { describedBy, Field, Input, Select } from '@/components/ui/field';

/** How the token request is encoded and where the token sits in a non-standard response. */
export function TokenRequestEditor() {
  const { register, getFieldState, formState } = useFormContext();
  const keyError = getFieldState('token_request.response_token_key', formState).error?.message;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-base font-semibold text-slate-900">Token request</legend>
      <Field id="token-content-type" label="Content type">
        <Select id="token-content-type" {...register('token_request.content_type')}>
          <option value="application/x-www-form-urlencoded">Form (application/x-www-form-urlencoded)</option>
          <option value="application/json">JSON (application/json)</option>
        </Select>
      </Field>
      <Field id="token-response-key" label="Token location in the response" hint="A dot path, such as access_token or data.token." error={keyError}>
        <Input id="token-response-key" className="font-mono" aria-invalid={Boolean(keyError)} aria-describedby={describedBy('token-response-key', keyError, true)} {...register('token_request.response_token_key')} />
      </Field>
    </fieldset>
  );
}
