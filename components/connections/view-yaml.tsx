'use client';

import { useId, useState } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/** "View YAML" (the SPEC §2 file of this connection, never a secret) and its download. */
export function ViewYaml({ appId, yaml }: { appId: string; yaml: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="w-full">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>{open ? 'Hide YAML' : 'View YAML'}</Button>
        <a href={`/api/v1/connections/${encodeURIComponent(appId)}/export`} download={`${appId}.yaml`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>Export</a>
      </div>
      {open && (
        <div id={id} className="mt-3 space-y-2">
          <pre aria-label={`${appId}.yaml`} className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{yaml}</pre>
          <CopyButton value={yaml} label="Copy YAML" />
        </div>
      )}
    </div>
  );
}
