'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { deleteConnectionAction } from '@/app/(console)/connections/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function DeleteConnectionButton({ appId }: { appId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>Delete</Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${appId}?`}
        confirmLabel="Delete connection"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          startTransition(async () => {
            const result = await deleteConnectionAction({ appId });
            if (result.ok) return router.push('/connections');
            setError(result.message);
          })
        }
      >
        <p>This removes both environments and every stored credential of {appId}. Tools asking for it will fail.</p>
        {error && <p role="alert" className="mt-2 font-medium text-red-700">{error}</p>}
      </ConfirmDialog>
    </>
  );
}
