'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { promoteDraftAction } from '@/app/(console)/connections/auth-settings-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/** Copies draft's configuration and auth settings to live in one step; credentials stay where they are. */
export function PromoteButton({ appId }: { appId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [open, setOpen] = useState(false);
  const [removal, setRemoval] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);
  const promote = () =>
    startTransition(async () => {
      const result = await promoteDraftAction({ appId, confirmCredentialRemoval: removal !== null });
      if (!result.ok && result.code === 'conflict') {
        setRemoval(result.message);
        return;
      }
      setOpen(false);
      setRemoval(null);
      if (!result.ok) {
        setOutcome({ tone: 'error', message: result.message });
        return;
      }
      const removed = result.data?.credentialsRemoved ?? 0;
      setOutcome({ tone: 'success', message: `Draft promoted to live.${removed ? ` ${removed} live credential set${removed === 1 ? ' was' : 's were'} removed.` : ' Live credentials were kept.'}` });
      router.refresh();
    });
  const cancel = () => {
    setOpen(false);
    setRemoval(null);
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" onClick={() => { setOutcome(null); setOpen(true); }}>Promote draft to live</Button>
      {outcome && <Alert tone={outcome.tone}>{outcome.message}</Alert>}
      <ConfirmDialog open={open} title="Promote draft to live?" tone={removal ? 'danger' : 'primary'} confirmLabel={removal ? 'Promote and remove credentials' : 'Promote'} pending={pending} onConfirm={promote} onCancel={cancel}>
        {removal ?? 'Live gets draft’s configuration and auth settings. Credentials are not copied: live keeps its own.'}
      </ConfirmDialog>
    </div>
  );
}
