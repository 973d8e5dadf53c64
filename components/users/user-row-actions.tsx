'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { removeUserAction, setUserRoleAction } from '@/app/(console)/users/actions';
import { passwordResetLinkAction } from '@/app/(console)/users/invite-actions';
import type { CreatedAccountLink } from '@/lib/accounts/create-account-link';
import { AccountLinkShown } from './account-link-shown';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/** Role changes and removal take effect on the user's next request, so both ask first. */
export function UserRowActions({ userId, email, role, invited = false }: { userId: string; email: string; role: 'admin' | 'member'; invited?: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirm, setConfirm] = useState<'role' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<CreatedAccountLink | null>(null);
  const resetLink = () =>
    startTransition(async () => {
      const result = await passwordResetLinkAction({ userId });
      setError(result.ok ? null : result.message);
      setLink(result.ok ? (result.data ?? null) : null);
    });
  const run = (action: () => Promise<{ ok: boolean; message?: string }>) =>
    startTransition(async () => {
      const result = await action();
      setConfirm(null);
      setError(result.ok ? null : (result.message ?? 'That did not work.'));
      if (result.ok) router.refresh();
    });
  const nextRole = role === 'admin' ? 'member' : 'admin';
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button variant="secondary" size="sm" onClick={resetLink} pending={pending} aria-label={`${invited ? 'New invitation link' : 'Password reset link'} for ${email}`}>{invited ? 'New invitation link' : 'Reset password link'}</Button>
      <Button variant="secondary" size="sm" onClick={() => setConfirm('role')}>Make {nextRole}</Button>
      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setConfirm('remove')} aria-label={`Remove ${email}`}>Remove</Button>
      {link && <div className="w-full"><AccountLinkShown link={link} title={`${invited ? 'Invitation' : 'Password reset'} link for ${email}`} /></div>}
      {error && <p role="alert" className="w-full text-right text-xs font-medium text-red-700">{error}</p>}
      <ConfirmDialog
        open={confirm === 'role'}
        title={`Make ${email} ${nextRole === 'admin' ? 'an admin' : 'a member'}?`}
        confirmLabel={`Make ${nextRole}`}
        tone={nextRole === 'admin' ? 'primary' : 'danger'}
        pending={pending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => run(() => setUserRoleAction({ userId, role: nextRole }))}
      >
        {nextRole === 'admin'
          ? 'They will be able to manage every connection, team credential, user and API key.'
          : 'They lose admin rights on their next request, including any page they have open.'}
      </ConfirmDialog>
      <ConfirmDialog open={confirm === 'remove'} title={`Remove ${email}?`} confirmLabel="Remove user" pending={pending} onCancel={() => setConfirm(null)} onConfirm={() => run(() => removeUserAction({ userId }))}>
        Their sessions and API keys stop working at once, and their member credentials are deleted.
      </ConfirmDialog>
    </div>
  );
}
