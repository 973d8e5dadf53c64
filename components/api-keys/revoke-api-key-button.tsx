'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { revokeApiKeyAction } from '@/app/(console)/settings/api-keys/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const revoke = () =>
    startTransition(async () => {
      const result = await revokeApiKeyAction({ id });
      setOpen(false);
      setError(result.ok ? null : result.message);
      if (result.ok) router.refresh();
    });
  return (
    <>
      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setOpen(true)} aria-label={`Revoke ${name}`}>Revoke</Button>
      {error && <p role="alert" className="text-xs font-medium text-red-700">{error}</p>}
      <ConfirmDialog open={open} title={`Revoke “${name}”?`} confirmLabel="Revoke key" pending={pending} onCancel={() => setOpen(false)} onConfirm={revoke}>
        Programs using this key are refused from their next request. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
