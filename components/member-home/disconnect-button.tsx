'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { disconnectAction } from '@/app/(console)/connections/home-actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { EnvName } from '@/lib/connections/kinds';

export function DisconnectButton({ appId, env, name }: { appId: string; env: EnvName; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const disconnect = () =>
    startTransition(async () => {
      const result = await disconnectAction({ appId, env });
      setOpen(false);
      if (!result.ok) return setError(result.message);
      setError(null);
      router.refresh();
    });
  return (
    <>
      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setOpen(true)} aria-label={`Disconnect ${name} (${env})`}>Disconnect</Button>
      {error && <p role="alert" className="w-full text-xs font-medium text-red-700">{error}</p>}
      <ConfirmDialog open={open} title={`Disconnect ${name}?`} confirmLabel="Disconnect" pending={pending} onCancel={() => setOpen(false)} onConfirm={disconnect}>
        Tools stop acting for you in {name} ({env}) at once. Your stored credentials are deleted, and the provider is asked to revoke the access it granted.
      </ConfirmDialog>
    </>
  );
}
