'use client';

import { useId, useState, useTransition } from 'react';
import { discoverIssuerAction } from '@/app/(console)/connections/catalog-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import type { IssuerMetadata } from '@/lib/oauth/discover-issuer';

/** "Fill from issuer URL": OpenID Connect / RFC 8414 metadata fills the URLs, scopes and auth method. */
export function IssuerDiscovery({ onFilled, prominent }: { onFilled: (metadata: IssuerMetadata) => void; prominent: boolean }) {
  const id = useId();
  const [issuer, setIssuer] = useState('');
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: true; metadata: IssuerMetadata } | { ok: false; message: string } | null>(null);
  const run = () =>
    startTransition(async () => {
      setOutcome(null);
      const result = await discoverIssuerAction({ issuer });
      if (!result.ok) return setOutcome({ ok: false, message: result.fieldErrors?.issuer ? `${result.fieldErrors.issuer} ${result.message}` : result.message });
      onFilled(result.data!);
      setOutcome({ ok: true, metadata: result.data! });
    });
  const hint = prominent ? 'Start here: the provider’s metadata fills the fields below.' : 'Optional: for a provider that publishes OpenID Connect or OAuth metadata.';
  return (
    <div className="space-y-2 rounded-md bg-slate-50 p-3">
      <div className="flex flex-wrap items-end gap-2">
        <Field id={`${id}-issuer`} label="Issuer URL" hint={hint} className="min-w-64 flex-1">
          <Input id={`${id}-issuer`} type="url" placeholder="https://idp.example.com" value={issuer} onChange={(e) => setIssuer(e.target.value)} aria-describedby={describedBy(`${id}-issuer`, undefined, hint)} />
        </Field>
        <Button variant="secondary" onClick={run} pending={pending} disabled={!issuer.trim()}>Fill from issuer URL</Button>
      </div>
      {outcome?.ok === true && (
        <Alert tone="success" title={`Filled from ${outcome.metadata.issuer}`}>
          Authorization and token URLs{outcome.metadata.send_via ? `, send via ${outcome.metadata.send_via}` : ''}; {outcome.metadata.scopes_supported.length} scopes listed below. Auth methods: {outcome.metadata.token_endpoint_auth_methods.join(', ')}.
        </Alert>
      )}
      {outcome?.ok === false && <Alert tone="error" title="Nothing was filled">{outcome.message}</Alert>}
    </div>
  );
}
