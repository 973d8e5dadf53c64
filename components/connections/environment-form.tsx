'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormProvider, useForm, type Resolver } from 'react-hook-form';
import { configureEnvironmentAction } from '@/app/(console)/connections/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormError } from '@/components/ui/form-status';
import { environmentConfigSchema, type EnvironmentConfig } from '@/lib/connections/connection-schema';
import type { EnvName } from '@/lib/connections/kinds';
import { applyFieldErrors } from './apply-field-errors';
import { EnvironmentFields } from './environment-fields';
import { environmentFormValues, environmentInput, type EnvironmentFormValues } from './form-values';

type Values = { config: EnvironmentFormValues };

const resolver: Resolver<Values> = async (values, context, options) => {
  const result = await zodResolver(environmentConfigSchema)(environmentInput(values.config), context, options as never);
  const errors = Object.keys(result.errors).length ? { config: result.errors } : {};
  return { values: Object.keys(errors).length ? {} : values, errors } as Awaited<ReturnType<Resolver<Values>>>;
};

/**
 * Configures one environment. Changing kind, type or sso makes stored credentials meaningless, so
 * the form says how many owners' credentials that removes and asks first (the server checks again).
 */
export function EnvironmentForm({ appId, env, config, credentialCount }: { appId: string; env: EnvName; config?: Omit<EnvironmentConfig, 'auth'>; credentialCount: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);
  const [pendingValues, setPendingValues] = useState<Values | null>(null);
  const form = useForm<Values>({ resolver, defaultValues: { config: environmentFormValues(config) } });

  const save = (values: Values, confirmCredentialRemoval: boolean) =>
    startTransition(async () => {
      setOutcome(null);
      const result = await configureEnvironmentAction({ appId, env, config: environmentInput(values.config), confirmCredentialRemoval });
      setPendingValues(null);
      if (result.ok) {
        const removed = result.data?.credentialsRemoved ?? 0;
        setOutcome({ tone: 'success', message: removed ? `Saved. Removed the credentials of ${removed} owner${removed === 1 ? '' : 's'}.` : 'Configuration saved.' });
        form.reset(values);
        router.refresh();
        return;
      }
      if (result.code === 'conflict' && typeof result.extra?.credentialsToRemove === 'number') return setPendingValues(values);
      setOutcome({ tone: 'error', message: result.message });
      applyFieldErrors(form, result.fieldErrors, 'config.');
    });

  const onSubmit = form.handleSubmit((values) => {
    const invalidates = config && (values.config.kind !== config.kind || values.config.type !== config.type || values.config.sso !== config.sso);
    if (invalidates && credentialCount > 0) return setPendingValues(values);
    save(values, false);
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={`Configure ${env}`}>
        {outcome?.tone === 'error' && <FormError message={outcome.message} />}
        {outcome?.tone === 'success' && <Alert tone="success">{outcome.message}</Alert>}
        <EnvironmentFields prefix="config" idPrefix={`${env}-config`} />
        <div className="flex justify-end">
          <Button type="submit" pending={pending && !pendingValues}>{config ? 'Save configuration' : `Configure ${env}`}</Button>
        </div>
      </form>
      <ConfirmDialog
        open={Boolean(pendingValues)}
        title="Remove stored credentials?"
        confirmLabel="Change and remove credentials"
        pending={pending}
        onCancel={() => setPendingValues(null)}
        onConfirm={() => pendingValues && save(pendingValues, true)}
      >
        Changing the kind, type or sso of {env} makes the stored credentials meaningless. This removes the credentials of{' '}
        <strong>{credentialCount} owner{credentialCount === 1 ? '' : 's'}</strong>; they will need to set them again.
      </ConfirmDialog>
    </FormProvider>
  );
}
