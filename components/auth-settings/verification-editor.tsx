'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { describedBy, Field, Input, Select } from '@/components/ui/field';

const DEFAULTS = { method: 'GET', path: '/', expected_status: 200, api_key_header: 'X-API-Key' };

/** The optional verification request of static credentials: method + path on server_url, expected status. */
export function VerificationEditor({ apiKey }: { apiKey: boolean }) {
  const { register, setValue, unregister, getFieldState, formState, control } = useFormContext();
  const value = useWatch({ control, name: 'verification' }) as typeof DEFAULTS | undefined;
  const on = value !== undefined && value !== null;
  const error = (name: string) => getFieldState(`verification.${name}`, formState).error?.message;
  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-base font-semibold text-slate-900">Verification request</legend>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300"
          checked={on}
          onChange={(e) => (e.target.checked ? setValue('verification', DEFAULTS, { shouldDirty: true }) : unregister('verification'))}
        />
        Check the credentials with a request to server_url (run by “Test” and daily in the background)
      </label>
      {on && (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="verification-method" label="Method">
            <Select id="verification-method" {...register('verification.method')}>
              <option value="GET">GET</option>
              <option value="HEAD">HEAD</option>
              <option value="POST">POST</option>
            </Select>
          </Field>
          <Field id="verification-path" label="Path" hint="Appended to server_url, e.g. /v1/me." error={error('path')}>
            <Input id="verification-path" className="font-mono" aria-invalid={Boolean(error('path'))} aria-describedby={describedBy('verification-path', error('path'), true)} {...register('verification.path')} />
          </Field>
          <Field id="verification-status" label="Expected status" error={error('expected_status')}>
            <Input id="verification-status" inputMode="numeric" aria-invalid={Boolean(error('expected_status'))} aria-describedby={describedBy('verification-status', error('expected_status'))} {...register('verification.expected_status')} />
          </Field>
          {apiKey && (
            <Field id="verification-header" label="API key header" hint="Where the API key is sent." error={error('api_key_header')}>
              <Input id="verification-header" className="font-mono" aria-invalid={Boolean(error('api_key_header'))} aria-describedby={describedBy('verification-header', error('api_key_header'), true)} {...register('verification.api_key_header')} />
            </Field>
          )}
        </div>
      )}
    </fieldset>
  );
}
