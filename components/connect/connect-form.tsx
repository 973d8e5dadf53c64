'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormProvider, useForm, type FieldValues } from 'react-hook-form';
import { setCredentialsAction } from '@/app/(console)/connections/actions';
import { applyFieldErrors } from '@/components/connections/apply-field-errors';
import { viewVersion } from '@/components/connections/credential-form';
import { CredentialField } from '@/components/connections/credential-field';
import { ParameterFields } from '@/components/connections/parameter-fields';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-status';
import { credentialsInputSchema } from '@/lib/connections/credentials-schema';
import type { PublicAuthSettings } from '@/lib/connections/environment-mapping';
import type { EnvName, FieldDef, Kind, OAuthGrant } from '@/lib/connections/kinds';
import { credentialFormValues } from '@/lib/credentials/credential-form-values';
import type { CredentialView } from '@/lib/credentials/credential-view';
import { ConfigValuesList } from './config-values-list';
import { PermissionsFieldset } from './permissions-fieldset';

export type ConnectSettings = Pick<PublicAuthSettings, 'scopes' | 'parameters' | 'config_values'>;

export type ConnectFormProps = {
  appId: string;
  env: EnvName;
  kind: Kind;
  grant: OAuthGrant | null;
  owner: 'team' | 'self';
  fields: FieldDef[];
  settings: ConnectSettings;
  view: CredentialView | null;
  /** Preview for the builder: same rendering, nothing is submitted. */
  preview?: boolean;
  /** Why the form cannot be used yet (for example, no client registration). */
  blocked?: string;
  /** Opened from a connect link: finish on that link's done page. */
  linkId?: string;
};

/** What the person connecting will be asked, in order, for the summary at the top. */
export function askedFor(props: Pick<ConnectFormProps, 'fields' | 'settings' | 'grant'>): string[] {
  const asked = [
    ...props.settings.parameters.map((p) => p.label),
    ...props.fields.filter((f) => f.required).map((f) => f.label),
  ];
  const scopes = props.grant ? props.settings.scopes : undefined;
  if (scopes?.allow_customize || scopes?.allow_additional) asked.unshift('Which permissions to grant');
  if (props.grant === 'authorization_code') asked.push('Your consent on the provider’s page');
  return asked;
}

type Outcome = { tone: 'success' | 'error'; message: string } | null;

function authorizeUrl(appId: string, env: EnvName, owner: 'team' | 'self', linkId?: string) {
  const query = new URLSearchParams(linkId ? { return_to: 'link', link: linkId } : { return_to: 'connect' });
  if (owner === 'team') query.set('for', 'team');
  return `/api/oauth/${encodeURIComponent(appId)}/${env}/authorize?${query}`;
}

/**
 * The connect experience of SPEC §3/§4: permissions, visible configuration, parameters and the
 * owner's credential fields, then Connect (consent) or Save. The builder's preview renders this too.
 */
export function ConnectForm(props: ConnectFormProps) {
  // Remount from the fresh view after a save (secrets show "Set", typed values leave the DOM); the outcome survives.
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saves, setSaves] = useState(0);
  return <ConnectFormBody key={viewVersion(props.view, saves)} {...props} outcome={outcome} setOutcome={setOutcome} onSaved={() => setSaves((n) => n + 1)} />;
}

function ConnectFormBody(props: ConnectFormProps & { outcome: Outcome; setOutcome: (outcome: Outcome) => void; onSaved: () => void }) {
  const { appId, env, kind, grant, owner, fields, settings, view, preview, blocked, linkId, outcome, setOutcome, onSaved } = props;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const form = useForm<FieldValues>({
    resolver: zodResolver(credentialsInputSchema, undefined, { raw: true }),
    defaultValues: credentialFormValues({ kind, fields, parameters: settings.parameters, view, withScopeChoice: Boolean(settings.scopes && grant) }),
  });
  const consent = grant === 'authorization_code';
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      if (preview) return;
      setOutcome(null);
      const result = await setCredentialsAction({ appId, env, values });
      if (!result.ok) {
        setOutcome({ tone: 'error', message: result.message });
        applyFieldErrors(form, result.fieldErrors);
        return;
      }
      if (consent) {
        window.location.assign(authorizeUrl(appId, env, owner, linkId));
        return;
      }
      if (linkId) {
        router.push(`/connect-links/done/${linkId}`);
        return;
      }
      // One transition: the message, the remount and the fresh view appear together.
      startTransition(() => {
        setOutcome({ tone: 'success', message: 'Saved. Tools can now use these credentials.' });
        onSaved();
        router.refresh();
      });
    }),
  );
  const idPrefix = preview ? 'preview' : 'connect';
  const asked = askedFor(props);
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={preview ? 'Preview of the connect page' : `Connect ${appId}`}>
        <div className="text-sm text-slate-700">
          <p className="font-medium text-slate-900">You will be asked for</p>
          {asked.length ? (
            <ul className="mt-1 list-inside list-disc">{asked.map((a) => <li key={a}>{a}</li>)}</ul>
          ) : (
            <p className="mt-1">Nothing: this connection needs no input from you.</p>
          )}
        </div>
        {outcome?.tone === 'error' && <FormError message={outcome.message} />}
        {outcome?.tone === 'success' && <Alert tone="success">{outcome.message}</Alert>}
        {blocked && <Alert tone="warning" title="Not ready yet">{blocked}</Alert>}
        {settings.scopes && grant && <PermissionsFieldset settings={settings.scopes} idPrefix={idPrefix} />}
        <ConfigValuesList values={settings.config_values} />
        {settings.parameters.length > 0 && <ParameterFields parameters={settings.parameters} idPrefix={idPrefix} secretsSet={view?.secretsSet ?? []} />}
        {fields.length > 0 && (
          <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4 sm:grid-cols-2">
            <legend className="px-1 text-sm font-medium text-slate-800">Credentials</legend>
            {fields.map((field) => (
              <CredentialField key={field.name} field={field} idPrefix={idPrefix} isSet={view?.secretsSet.includes(field.name) ?? false} />
            ))}
          </fieldset>
        )}
        <Button type="submit" pending={pending} disabled={preview || Boolean(blocked)}>
          {consent ? (view?.hasAccessToken ? `Reconnect to ${appId}` : `Connect to ${appId}`) : 'Save credentials'}
        </Button>
        {consent && !preview && <p className="text-xs text-slate-500">You will be sent to the provider to grant access, then brought back here.</p>}
      </form>
    </FormProvider>
  );
}
