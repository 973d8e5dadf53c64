'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { KeyValueEditor } from '@/components/ui/key-value-editor';
import { CONNECTION_TYPES, KIND_REGISTRY, KINDS, normalizeKind } from '@/lib/connections/kinds';

const STATIC_KINDS = KINDS.filter((k) => KIND_REGISTRY[k].grant === null);
const OAUTH_KINDS = KINDS.filter((k) => KIND_REGISTRY[k].grant !== null);

type Errors = Record<string, { message?: string } | undefined>;

/** The configuration fields of one environment, under `prefix` in the surrounding form. */
export function EnvironmentFields({ prefix, idPrefix }: { prefix: string; idPrefix: string }) {
  const { register, setValue, getFieldState, formState } = useFormContext();
  const kind: unknown = useWatch({ name: `${prefix}.kind` });
  const sso = useWatch({ name: `${prefix}.sso` }) as boolean;
  const def = KIND_REGISTRY[(typeof kind === 'string' && normalizeKind(kind)) || 'basic'];
  const error = (field: string) => (getFieldState(`${prefix}.${field}`, formState).error as Errors[string])?.message;
  const id = (field: string) => `${idPrefix}-${field}`;

  const kindField = register(`${prefix}.kind`, {
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
      // Steer type and sso to what the chosen kind allows, so the common case needs no second step.
      const chosen = normalizeKind(e.target.value);
      if (!chosen) return;
      const next = KIND_REGISTRY[chosen];
      setValue(`${prefix}.sso`, next.sso === 'required');
      if (next.allowedTypes.length === 1) setValue(`${prefix}.type`, next.allowedTypes[0]);
    },
  });

  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id('kind')} label="Authentication kind" required error={error('kind')} hint={def.description}>
          <Select id={id('kind')} aria-describedby={describedBy(id('kind'), error('kind'), true)} {...kindField}>
            <optgroup label="Static credentials">
              {STATIC_KINDS.map((k) => <option key={k} value={k}>{KIND_REGISTRY[k].label} ({k})</option>)}
            </optgroup>
            <optgroup label="OAuth">
              {OAUTH_KINDS.map((k) => <option key={k} value={k}>{KIND_REGISTRY[k].label} ({k})</option>)}
            </optgroup>
          </Select>
        </Field>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">Credentials are set</legend>
          <div className="flex flex-wrap gap-4 pt-1.5">
            {CONNECTION_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input type="radio" value={t} {...register(`${prefix}.type`)} disabled={!def.allowedTypes.includes(t)} />
                {t === 'team' ? 'Once for the team (team)' : 'By each member (member)'}
              </label>
            ))}
          </div>
          {error('type') && <p role="alert" className="text-xs font-medium text-red-700">{error('type')}</p>}
        </fieldset>
      </div>
      {def.deprecated && <Alert tone="warning" title="Deprecated flow">{def.deprecated}</Alert>}
      <Field id={id('server_url')} label="Server URL" error={error('server_url')} hint="The API base URL tools call. {placeholders} are filled from parameters and config values.">
        <Input id={id('server_url')} type="url" inputMode="url" placeholder="https://api.example.com/" aria-invalid={Boolean(error('server_url'))} {...register(`${prefix}.server_url`)} />
      </Field>
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" {...register(`${prefix}.sso`)} />
          Single sign-on (sso)
        </label>
        <p className="mt-1 text-xs text-slate-500">Only for on-behalf-of, token exchange and direct access, which require it (and type member).</p>
        {error('sso') && <p role="alert" className="mt-1 text-xs font-medium text-red-700">{error('sso')}</p>}
      </div>
      {(sso || def.needsIdpConfig) && (
        <div className="space-y-4 rounded-md border border-slate-200 p-4">
          <p className="text-sm font-medium text-slate-800">Identity provider config (idp_config)</p>
          {error('idp_config') && <p role="alert" className="text-xs font-medium text-red-700">{error('idp_config')}</p>}
          <KeyValueEditor name={`${prefix}.idp_config.header`} label="IdP request headers" addLabel="Add header" />
          <KeyValueEditor name={`${prefix}.idp_config.body`} label="IdP request body" addLabel="Add body entry" />
        </div>
      )}
      <KeyValueEditor name={`${prefix}.custom_config_entries`} label="Custom config entries" />
      <details className="rounded-md border border-slate-200 p-4">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">App config headers (app_config)</summary>
        <div className="mt-3">
          <KeyValueEditor name={`${prefix}.app_config.header`} label="App config headers" addLabel="Add header" />
        </div>
      </details>
    </div>
  );
}
