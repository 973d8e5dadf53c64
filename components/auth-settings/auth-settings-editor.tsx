'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { saveAuthSettingsAction } from '@/app/(console)/connections/auth-settings-actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { ConnectForm, type ConnectFormProps, type ConnectSettings } from '@/components/connect/connect-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-status';
import { authSettingsSchema, type AuthSettingsInput } from '@/lib/connections/auth-settings-schema';
import { AllowedHostsEditor } from './allowed-hosts-editor';
import { ConfigValuesEditor } from './config-values-editor';
import { ParametersEditor } from './parameters-editor';
import { ScopesEditor } from './scopes-editor';
import { TokenRequestEditor } from './token-request-editor';
import { VerificationEditor } from './verification-editor';

type FormValues = Required<Pick<AuthSettingsInput, 'parameters' | 'config_values'>> & Pick<AuthSettingsInput, 'scopes' | 'token_request' | 'allowed_hosts' | 'verification'>;

export type AuthSettingsEditorProps = {
  appId: string;
  env: 'draft' | 'live';
  initial: FormValues;
  /** Keys of password config values that already have a stored value. */
  storedSecrets: string[];
  /** Static kinds that can be checked with a verification request (basic, bearer, api_key). */
  verifiable?: { apiKey: boolean };
  /** What the connect page shows besides the settings, for the live preview. */
  preview: Omit<ConnectFormProps, 'settings' | 'preview' | 'view'>;
};

const list = <T,>(v: T[] | undefined) => (Array.isArray(v) ? v : []);

/** The connect page's settings as the form currently describes them (incomplete rows left out). */
function previewSettings(values: FormValues, storedSecrets: string[], oauth: boolean): ConnectSettings {
  const scopes = values.scopes;
  return {
    scopes:
      oauth && scopes
        ? {
            delimiter: scopes.delimiter ?? 'space',
            items: list(scopes.items).filter((s) => s.name?.trim()).map((s) => ({ name: s.name.trim(), required: Boolean(s.required) })),
            allow_customize: Boolean(scopes.allow_customize),
            allow_additional: Boolean(scopes.allow_additional),
          }
        : undefined,
    parameters: list(values.parameters)
      .filter((p) => p.key?.trim() && p.label?.trim())
      .map((p) => ({ key: p.key.trim(), label: p.label.trim(), type: p.type ?? 'text', options: list(p.options as string[] | undefined) })),
    config_values: list(values.config_values)
      .filter((c) => c.key?.trim() && c.label?.trim())
      .map((c) => {
        const secret = c.type === 'password';
        return { key: c.key.trim(), label: c.label.trim(), type: c.type ?? 'text', visible: c.visible !== false, value: secret ? '' : String(c.value ?? ''), has_value: secret && Boolean(c.value || storedSecrets.includes(c.key)) };
      }),
  };
}

export function AuthSettingsEditor({ appId, env, initial, storedSecrets, verifiable, preview }: AuthSettingsEditorProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);
  const oauth = preview.grant !== null;
  // raw: the action parses the values again; the form keeps what was typed.
  const form = useForm<AuthSettingsInput, unknown, AuthSettingsInput>({
    resolver: zodResolver(authSettingsSchema, undefined, { raw: true }),
    defaultValues: initial,
  });
  const watched = useWatch({ control: form.control }) as FormValues;
  const settings = previewSettings(watched, storedSecrets, oauth);
  // Remount the preview when the settings change, so its form starts from the new defaults.
  const previewKey = JSON.stringify(settings);
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setOutcome(null);
      const payload = { ...values, ...(oauth ? {} : { scopes: undefined, token_request: undefined }), ...(verifiable ? {} : { verification: undefined }) };
      const result = await saveAuthSettingsAction({ appId, env, settings: payload });
      if (!result.ok) {
        setOutcome({ tone: 'error', message: result.message });
        applyFieldErrors(form, result.fieldErrors);
        return;
      }
      const review = result.data?.ownersToReview ?? 0;
      setOutcome({
        tone: 'success',
        message: `Auth settings saved (version ${result.data?.settingsVersion}).${review ? ` ${review} owner${review === 1 ? '' : 's'} set credentials under older settings and will be asked to review them.` : ''}`,
      });
      router.refresh();
    }),
  );
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <FormProvider {...form}>
        <form onSubmit={onSubmit} noValidate className="space-y-8" aria-label="Auth settings">
          {outcome?.tone === 'error' && <FormError message={outcome.message} />}
          {outcome?.tone === 'success' && <Alert tone="success">{outcome.message}</Alert>}
          {oauth && <ScopesEditor />}
          <ParametersEditor />
          <ConfigValuesEditor storedSecrets={storedSecrets} />
          {oauth && <TokenRequestEditor />}
          <AllowedHostsEditor oauth={oauth} />
          {verifiable && <VerificationEditor apiKey={verifiable.apiKey} />}
          <div className="sticky bottom-0 -mx-1 border-t border-slate-200 bg-slate-50/95 px-1 py-3">
            <Button type="submit" pending={pending}>Save auth settings</Button>
          </div>
        </form>
      </FormProvider>
      <aside aria-label="Live preview" className="lg:sticky lg:top-4 lg:self-start">
        <div className="rounded-lg border-2 border-dashed border-brand-200 bg-white p-5">
          <p className="mb-4 text-xs font-semibold uppercase tracking-wide text-brand-700">Preview: what {preview.owner === 'team' ? 'admins' : 'members'} see on the connect page</p>
          <ConnectForm key={previewKey} {...preview} settings={settings} view={null} preview />
        </div>
      </aside>
    </div>
  );
}
