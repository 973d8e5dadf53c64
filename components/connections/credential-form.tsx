'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormProvider, useForm, useFormContext, type FieldValues } from 'react-hook-form';
import { clearCredentialsAction, setCredentialsAction } from '@/app/(console)/connections/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import type { AuthSettings } from '@/lib/connections/auth-settings-schema';
import { credentialsInputSchema } from '@/lib/connections/credentials-schema';
import type { EnvName, FieldDef, Kind } from '@/lib/connections/kinds';
import { credentialFormValues } from '@/lib/credentials/credential-form-values';
import type { CredentialView } from '@/lib/credentials/credential-view';
import { applyFieldErrors } from './apply-field-errors';
import { CredentialField } from './credential-field';
import { ParameterFields } from './parameter-fields';

export type CredentialFormProps = {
  appId: string;
  env: EnvName;
  kind: Kind;
  fields: FieldDef[];
  parameters: AuthSettings['parameters'];
  view: CredentialView;
  owner: 'team' | 'self';
  submitLabel: string;
  idPrefix: string;
};

type Outcome = { tone: 'success' | 'error'; message: string } | null;

/** Remount key: a new stored state (or another save) starts the form again from the view. */
export function viewVersion(view: CredentialView | null, saves: number): string {
  return `${saves}:${view?.updatedAt ?? 'none'}:${view?.secretsSet.join(',') ?? ''}`;
}

/**
 * After a save the form remounts from the fresh view: secret fields show "Set" again and the typed
 * value leaves the DOM. The outcome message lives out here so it survives the remount.
 */
export function CredentialForm(props: CredentialFormProps) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saves, setSaves] = useState(0);
  return <CredentialFormBody key={viewVersion(props.view, saves)} {...props} outcome={outcome} setOutcome={setOutcome} onSaved={() => setSaves((n) => n + 1)} />;
}

function CredentialFormBody({ appId, env, kind, fields, parameters, view, owner, submitLabel, idPrefix, outcome, setOutcome, onSaved }: CredentialFormProps & {
  outcome: Outcome;
  setOutcome: (outcome: Outcome) => void;
  onSaved: () => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirmClear, setConfirmClear] = useState(false);
  const form = useForm<FieldValues>({
    // Same schema as the server; raw values go to the action, which parses them again.
    resolver: zodResolver(credentialsInputSchema, undefined, { raw: true }),
    defaultValues: credentialFormValues({ kind, fields, parameters, view }),
  });
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setOutcome(null);
      const result = await setCredentialsAction({ appId, env, values });
      if (result.ok) {
        // One transition: the message, the remount and the fresh view appear together.
        startTransition(() => {
          setOutcome({ tone: 'success', message: 'Credentials saved.' });
          onSaved();
          router.refresh();
        });
        return;
      }
      setOutcome({ tone: 'error', message: result.message });
      applyFieldErrors(form, result.fieldErrors);
    }),
  );
  const clear = () =>
    startTransition(async () => {
      const result = await clearCredentialsAction({ appId, env, owner });
      setConfirmClear(false);
      if (!result.ok) return setOutcome({ tone: 'error', message: result.message });
      startTransition(() => {
        setOutcome({ tone: 'success', message: 'Credentials removed.' });
        onSaved();
        router.refresh();
      });
    });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={submitLabel}>
        {outcome?.tone === 'error' && <FormError message={outcome.message} />}
        {outcome?.tone === 'success' && <Alert tone="success">{outcome.message}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map((field) => (
            <CredentialField key={field.name} field={field} idPrefix={idPrefix} isSet={view.secretsSet.includes(field.name)} />
          ))}
        </div>
        {parameters.length > 0 && <ParameterFields parameters={parameters} idPrefix={idPrefix} secretsSet={view.secretsSet} />}
        <ExpiresOnField idPrefix={idPrefix} />
        <div className="flex flex-wrap justify-between gap-2">
          <Button type="submit" pending={pending}>{submitLabel}</Button>
          {view.exists && (
            <Button variant="ghost" onClick={() => setConfirmClear(true)}>Remove these credentials</Button>
          )}
        </div>
      </form>
      <ConfirmDialog open={confirmClear} title="Remove credentials?" confirmLabel="Remove" pending={pending} onConfirm={clear} onCancel={() => setConfirmClear(false)}>
        Tools will no longer get credentials from {owner === 'team' ? 'the team' : 'you'} for {appId} ({env}) until they are set again.
      </ConfirmDialog>
    </FormProvider>
  );
}


/** The optional expiry date of the secret: the console warns 14 days ahead, webhooks get `credential.expiring`. */
function ExpiresOnField({ idPrefix }: { idPrefix: string }) {
  const { register, getFieldState, formState } = useFormContext();
  const id = `${idPrefix}-expires_on`;
  const hint = 'Optional. When these credentials stop working (API keys and client secrets do expire): you are warned 14 days ahead.';
  const error = getFieldState('expires_on', formState).error?.message;
  return (
    <Field id={id} label="Expires on" hint={hint} error={error} className="sm:w-64">
      <Input id={id} type="date" aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error, hint)} {...register('expires_on')} />
    </Field>
  );
}
