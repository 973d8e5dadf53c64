'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { verifyCredentialsAction } from '@/app/(console)/connections/verify-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { VerificationResult } from '@/lib/health/verify-credentials';

/** Runs the verification request on the server and shows the provider's answer, never the secret. */
export function VerifyCredentialsButton({ appId, env, request }: { appId: string; env: 'draft' | 'live'; request: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: true; result: VerificationResult } | { ok: false; message: string } | null>(null);
  const run = () =>
    startTransition(async () => {
      setOutcome(null);
      const result = await verifyCredentialsAction({ appId, env });
      setOutcome(result.ok ? { ok: true, result: result.data! } : { ok: false, message: result.message });
      router.refresh();
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={run} pending={pending}>Test</Button>
        <span className="text-xs text-slate-500">Sends <code className="font-mono">{request}</code> with these credentials.</span>
      </div>
      {outcome?.ok === true && outcome.result.status === 'connected' && <Alert tone="success" title="Verified">The provider answered {outcome.result.httpStatus}, as expected.</Alert>}
      {outcome?.ok === true && outcome.result.status === 'error' && <Alert tone="error" title="Not verified">{outcome.result.message}</Alert>}
      {outcome?.ok === false && <Alert tone="error" title="The test could not run">{outcome.message}</Alert>}
    </div>
  );
}
