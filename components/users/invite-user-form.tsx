'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { inviteUserAction } from '@/app/(console)/users/invite-actions';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import { useCreateAction } from '@/components/ui/use-create-action';
import { inviteUserSchema } from '@/lib/accounts/account-link-schemas';
import { AccountLinkShown } from './account-link-shown';

type Values = z.input<typeof inviteUserSchema>;

/** Admins invite by link: the invitee chooses their own password; nobody types it for them. */
export function InviteUserForm() {
  const form = useForm<Values, unknown, Values>({ resolver: zodResolver(inviteUserSchema), defaultValues: { email: '', name: '', role: 'member' } });
  const errors = form.formState.errors;
  const { pending, error, created, onSubmit } = useCreateAction(form, inviteUserAction);
  return (
    <div className="space-y-4">
      {created && <AccountLinkShown link={created} title={`Invitation for ${created.email} created`} />}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Invite a user">
        <FormError message={error} />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="new-email" label="Email" required error={errors.email?.message}>
            <Input id="new-email" type="email" autoComplete="off" aria-invalid={Boolean(errors.email)} aria-describedby={describedBy('new-email', errors.email?.message)} {...form.register('email')} />
          </Field>
          <Field id="new-name" label="Name" error={errors.name?.message}>
            <Input id="new-name" autoComplete="off" {...form.register('name')} />
          </Field>
          <Field id="new-role" label="Role" required>
            <Select id="new-role" {...form.register('role')}>
              <option value="member">Member: sees connections, sets own credentials</option>
              <option value="admin">Admin: everything</option>
            </Select>
          </Field>
        </div>
        <Button type="submit" pending={pending}>Create invitation link</Button>
      </form>
    </div>
  );
}
