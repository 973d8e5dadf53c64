'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { removeUserAction, setUserRoleAction } from '@/app/(console)/users/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function UserRowActions({ userId, email, role }: { userId: string; email: string; role: 'admin' | 'member' }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<{ ok: boolean; message?: string }>) =>
    startTransition(async () => {
      const result = await action();
      setConfirm(false);
      setError(result.ok ? null : (result.message ?? 'That did not work.'));
      if (result.ok) router.refresh();
    });
  const nextRole = role === 'admin' ? 'member' : 'admin';
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button variant="secondary" size="sm" pending={pending && !confirm} onClick={() => run(() => setUserRoleAction({ userId, role: nextRole }))}>
        Make {nextRole}
      </Button>
      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setConfirm(true)} aria-label={`Remove ${email}`}>Remove</Button>
      {error && <p role="alert" className="w-full text-right text-xs font-medium text-red-700">{error}</p>}
      <ConfirmDialog open={confirm} title={`Remove ${email}?`} confirmLabel="Remove user" pending={pending} onCancel={() => setConfirm(false)} onConfirm={() => run(() => removeUserAction({ userId }))}>
        Their sessions and API keys stop working at once, and their member credentials are deleted.
      </ConfirmDialog>
    </div>
  );
}
