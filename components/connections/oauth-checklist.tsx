'use client';

import { useEffect, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

type Props = {
  /** Remembers in this browser that the redirect URI was copied (per connection and environment). */
  storageKey: string;
  consent: boolean;
  redirectUri: string;
  registrationSet: boolean;
  isAdmin: boolean;
  /** Where the client registration form is on this page. */
  registrationHref: string;
  actionLabel: 'Connect' | 'Reconnect' | 'Test';
  /** The live Connect link or Test button, shown once the registration exists. */
  action: React.ReactNode;
};

function Step({ n, title, done, children }: { n: number; title: string; done: boolean; children: React.ReactNode }) {
  return (
    <li className="flex gap-3">
      <span aria-hidden className={`mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done ? 'bg-emerald-600 text-white' : 'bg-slate-200 text-slate-700'}`}>{done ? '✓' : n}</span>
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-sm font-medium text-slate-800">
          {title} {done && <Badge tone="green">Done</Badge>}
        </p>
        {children}
      </div>
    </li>
  );
}

/** A disabled control and, next to it, why: the step before is not done yet. */
function Blocked({ label, reason }: { label: string; reason: string }) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" disabled aria-describedby={id}>{label}</Button>
      <p id={id} className="text-xs text-slate-600">{reason}</p>
    </div>
  );
}

/**
 * The OAuth checklist: 1 copy the redirect URI (consent flows), 2 the client registration,
 * 3 Connect or Test. Each control stays disabled, with its reason, until the step before is done,
 * so nobody can start a consent or a token request that could only fail.
 */
export function OAuthChecklist({ storageKey, consent, redirectUri, registrationSet, isAdmin, registrationHref, actionLabel, action }: Props) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setCopied(window.localStorage.getItem(storageKey) === '1');
  }, [storageKey]);
  const markCopied = () => {
    window.localStorage.setItem(storageKey, '1');
    setCopied(true);
  };
  const showRedirect = consent && isAdmin;
  const redirectDone = copied || registrationSet;
  let n = 0;
  return (
    <ol className="space-y-4" aria-label="Setup checklist">
      {showRedirect && (
        <Step n={++n} title="Copy the redirect URI into the provider’s app registration" done={redirectDone}>
          <div className="flex flex-wrap items-center gap-2" onClickCapture={(e) => (e.target as HTMLElement).closest('button') && markCopied()}>
            <code className="break-all rounded bg-slate-100 px-2 py-1 text-xs">{redirectUri}</code>
            <CopyButton value={redirectUri} label="Copy redirect URI" />
          </div>
        </Step>
      )}
      <Step n={++n} title="Client registration" done={registrationSet}>
        {registrationSet ? (
          <p className="text-sm text-slate-600">The client ID and URLs are saved{isAdmin ? '; change them in the registration form below.' : '.'}</p>
        ) : !isAdmin ? (
          <p className="text-sm text-slate-600">An admin has not set the client registration yet. Come back once they have.</p>
        ) : showRedirect && !redirectDone ? (
          <Blocked label="Set the client registration" reason="Copy the redirect URI first (step 1): the provider needs it to register the app." />
        ) : (
          <a href={registrationHref} className={buttonClass({ variant: 'secondary' })}>Set the client registration</a>
        )}
      </Step>
      <Step n={++n} title={consent ? 'Connect at the provider' : 'Test: fetch a token'} done={false}>
        {registrationSet ? action : <Blocked label={actionLabel} reason={`Not ready to connect: save the client registration first (step ${n - 1}).`} />}
      </Step>
    </ol>
  );
}
