'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { deleteWebhookAction, sendTestWebhookAction } from '@/app/(console)/settings/webhooks/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function WebhookEndpointActions({ id, url }: { id: string; url: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: typeof sendTestWebhookAction, done: string) =>
    startTransition(async () => {
      const result = await action({ id });
      setOpen(false);
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.message });
      if (result.ok) router.refresh();
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" pending={pending && !open} onClick={() => run(sendTestWebhookAction, 'Test event queued: it shows in the log below.')}>Send test event</Button>
        <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setOpen(true)} aria-label={`Delete ${url}`}>Delete</Button>
      </div>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-xs text-slate-600' : 'text-xs font-medium text-red-700'}>{message.text}</p>}
      <ConfirmDialog open={open} title="Delete this endpoint?" confirmLabel="Delete endpoint" pending={pending} onCancel={() => setOpen(false)} onConfirm={() => run(deleteWebhookAction, 'Deleted.')}>
        {url} stops receiving events at once, and its pending deliveries are dropped.
      </ConfirmDialog>
    </div>
  );
}
