'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { createConnectLinkAction } from '@/app/(console)/connections/connect-link-actions';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { ShownOnce } from '@/components/ui/shown-once';
import { useCreateAction } from '@/components/ui/use-create-action';
import { createConnectLinkSchema } from '@/lib/connect-links/connect-link-schemas';
import type { EnvName } from '@/lib/connections/kinds';

type Values = z.input<typeof createConnectLinkSchema>;

const LIFETIMES = [
  ['1h', '1 hour'],
  ['24h', '24 hours'],
  ['7d', '7 days'],
] as const;

/** Admins: a single-use link asking one member to connect this environment. */
export function ConnectLinkForm({ appId, env, members }: { appId: string; env: EnvName; members: string[] }) {
  const defaults: Values = { appId, env, user: members[0] ?? '', requested_by: '', reason: '', expires_in: '24h', return_to: '' };
  const form = useForm<Values, unknown, Values>({ resolver: zodResolver(createConnectLinkSchema, undefined, { raw: true }), defaultValues: defaults });
  const errors = form.formState.errors;
  const { pending, error, created, onSubmit } = useCreateAction(form, createConnectLinkAction, { resetTo: defaults, refresh: false });
  if (members.length === 0) return <p className="text-sm text-slate-600">There are no users to ask yet. Invite someone on the Users page first.</p>;
  return (
    <div className="space-y-4">
      {created && (
        <ShownOnce title={`Link for ${created.user} created`} value={created.url} testId="new-connect-link" copyLabel="Copy link">
          Send it to them: it works once and only for them. It is shown only now.
        </ShownOnce>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Ask a member to connect">
        <FormError message={error} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="link-user" label="Member" error={errors.user?.message}>
            <Select id="link-user" aria-describedby={describedBy('link-user', errors.user?.message)} {...form.register('user')}>
              {members.map((email) => <option key={email} value={email}>{email}</option>)}
            </Select>
          </Field>
          <Field id="link-expires" label="Expires after" error={errors.expires_in?.message}>
            <Select id="link-expires" {...form.register('expires_in')}>
              {LIFETIMES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </Select>
          </Field>
          <Field id="link-requested-by" label="Requested by" hint="The agent or tool that needs it, e.g. “Report bot”." error={errors.requested_by?.message}>
            <Input id="link-requested-by" autoComplete="off" aria-describedby={describedBy('link-requested-by', errors.requested_by?.message, true)} {...form.register('requested_by')} />
          </Field>
          <Field id="link-reason" label="For" hint="Why, e.g. “the weekly sales report”." error={errors.reason?.message}>
            <Input id="link-reason" autoComplete="off" aria-describedby={describedBy('link-reason', errors.reason?.message, true)} {...form.register('reason')} />
          </Field>
          <Field id="link-return-to" label="Send them back to (optional)" hint="Must match the allowlist in Settings → Connect links." error={errors.return_to?.message} className="sm:col-span-2">
            <Input id="link-return-to" type="url" autoComplete="off" aria-invalid={Boolean(errors.return_to)} aria-describedby={describedBy('link-return-to', errors.return_to?.message, true)} {...form.register('return_to')} />
          </Field>
        </div>
        <Button type="submit" pending={pending}>Create link</Button>
      </form>
    </div>
  );
}
