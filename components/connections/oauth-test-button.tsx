'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { testConnectionAction } from '@/app/(console)/connections/oauth-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/field';
import { formatUtc } from '@/components/ui/format-date';
import type { TestResult } from '@/lib/oauth/test-connection';

/** Fetches a token on the server and shows status, scopes and expiry, never the token. */
export function OAuthTestButton({ appId, env, needsSubjectToken, lastError }: { appId: string; env: 'draft' | 'live'; needsSubjectToken: boolean; lastError?: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [subjectToken, setSubjectToken] = useState('');
  const [outcome, setOutcome] = useState<{ ok: true; result: TestResult } | { ok: false; message: string } | null>(null);
  const run = () =>
    startTransition(async () => {
      setOutcome(null);
      const result = await testConnectionAction({ appId, env, subjectToken: needsSubjectToken ? subjectToken : undefined });
      setOutcome(result.ok ? { ok: true, result: result.data! } : { ok: false, message: result.message });
      router.refresh();
    });
  return (
    <div className="space-y-3">
      {needsSubjectToken && (
        <Field id={`${id}-subject`} label="Subject token to test with" hint="A sign-in token of the identity provider; used once, never stored. Leave it empty to use the token from your own sign-in with the identity provider.">
          <Textarea id={`${id}-subject`} rows={2} value={subjectToken} onChange={(e) => setSubjectToken(e.target.value)} autoComplete="off" />
        </Field>
      )}
      <Button variant="secondary" onClick={run} pending={pending}>Test</Button>
      {outcome?.ok === true && (
        <Alert tone="success" title="Token received">
          <dl className="grid gap-x-4 sm:grid-cols-[8rem_1fr]">
            <dt>Status</dt><dd>{outcome.result.status}</dd>
            <dt>Granted scopes</dt><dd className="break-all font-mono text-xs">{outcome.result.scopes.join(' ') || '(none reported)'}</dd>
            <dt>Expires</dt><dd>{outcome.result.expiresAt === null ? 'no expiry given' : formatUtc(outcome.result.expiresAt)}</dd>
          </dl>
        </Alert>
      )}
      {outcome?.ok === false && <Alert tone="error" title="The token request failed">{outcome.message}</Alert>}
      {!outcome && lastError && <Alert tone="error" title="The last token request failed">{lastError}</Alert>}
    </div>
  );
}
