import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { CopyButton } from '@/components/ui/copy-button';

/** A value the server gives out only at creation (API key, signing secret, link): shown once, to copy. */
export function ShownOnce({ title, value, testId, copyLabel, children }: { title: string; value: string; testId: string; copyLabel: string; children: ReactNode }) {
  return (
    <Alert tone="success" title={title}>
      <p>{children}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-emerald-200">{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </div>
    </Alert>
  );
}
