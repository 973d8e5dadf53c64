'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormProvider, useForm, useWatch, type Resolver } from 'react-hook-form';
import { createConnectionAction } from '@/app/(console)/connections/actions';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { ENVIRONMENTS, type EnvName } from '@/lib/connections/kinds';
import { applyFieldErrors } from './apply-field-errors';
import { EnvironmentFields } from './environment-fields';
import { environmentFormValues, environmentInput, type EnvironmentFormValues } from './form-values';

type Values = {
  app_id: string;
  resource: { component: string; category: string };
  include: Record<EnvName, boolean>;
  environments: Record<EnvName, EnvironmentFormValues>;
};

function toDocument(values: Values) {
  const environments: Partial<Record<EnvName, ReturnType<typeof environmentInput>>> = {};
  for (const env of ENVIRONMENTS) if (values.include[env]) environments[env] = environmentInput(values.environments[env]);
  return { app_id: values.app_id, resource: values.resource, environments };
}

// Validates the document the form will send, with the same schema the server uses.
const resolver: Resolver<Values> = async (values, context, options) => {
  const result = await zodResolver(connectionSchema)(toDocument(values), context, options as never);
  return { values: Object.keys(result.errors).length ? {} : values, errors: result.errors } as Awaited<ReturnType<Resolver<Values>>>;
};

export function NewConnectionForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver,
    defaultValues: {
      app_id: '',
      resource: { component: '', category: '' },
      include: { draft: true, live: false },
      environments: { draft: environmentFormValues(), live: environmentFormValues() },
    },
  });
  const include = useWatch({ control: form.control, name: 'include' });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(null);
      const result = await createConnectionAction(toDocument(values));
      // The id as the server stored it (trimmed, normalized), not as typed.
      if (result.ok) return router.push(`/connections/${encodeURIComponent(result.data?.appId ?? values.app_id.trim())}`);
      setError(result.message);
      applyFieldErrors(form, result.fieldErrors);
    }),
  );
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="space-y-6">
        <FormError message={error} />
        <Card title="Application">
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="app_id" label="App ID" required error={errors.app_id?.message} hint="Letters, digits, _ and -. Tools use it to ask for credentials." className="sm:col-span-3">
              <Input id="app_id" autoComplete="off" aria-invalid={Boolean(errors.app_id)} aria-describedby={describedBy('app_id', errors.app_id?.message, true)} {...form.register('app_id')} />
            </Field>
            <Field id="resource_component" label="Resource component" hint="Optional, e.g. knowledge.">
              <Input id="resource_component" {...form.register('resource.component')} />
            </Field>
            <Field id="resource_category" label="Resource category" hint="Optional, e.g. milvus.">
              <Input id="resource_category" {...form.register('resource.category')} />
            </Field>
          </div>
        </Card>
        <fieldset className="flex flex-wrap gap-6">
          <legend className="mb-2 text-sm font-medium text-slate-800">Environments to configure now</legend>
          {ENVIRONMENTS.map((env) => (
            <label key={env} className="flex items-center gap-2 text-sm">
              <input type="checkbox" {...form.register(`include.${env}`)} />
              {env === 'draft' ? 'Draft' : 'Live'}
            </label>
          ))}
        </fieldset>
        {ENVIRONMENTS.filter((env) => include[env]).map((env) => (
          <Card key={env} title={env === 'draft' ? 'Draft environment' : 'Live environment'} description="Each environment is configured independently.">
            <EnvironmentFields prefix={`environments.${env}`} idPrefix={env} />
          </Card>
        ))}
        <div className="flex justify-end gap-2">
          <ButtonLink href="/connections" variant="secondary">Cancel</ButtonLink>
          <Button type="submit" pending={pending}>Create connection</Button>
        </div>
      </form>
    </FormProvider>
  );
}
