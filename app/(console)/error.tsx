'use client';

import { Button, ButtonLink } from '@/components/ui/button';

/** Any console page that throws. The raw message may hold internals, so only the digest is shown, as a reference for the server log. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white px-6 py-12 text-center">
      <h1 className="text-lg font-semibold text-slate-900">Something went wrong</h1>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">This page could not be loaded. Try again; if it keeps failing, give an admin the reference below.</p>
      {error.digest && (
        <p className="mt-3 text-xs text-slate-500">
          Reference: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">{error.digest}</code>
        </p>
      )}
      <div className="mt-5 flex justify-center gap-2">
        <Button onClick={reset}>Retry</Button>
        <ButtonLink href="/connections" variant="secondary">Back to connections</ButtonLink>
      </div>
    </div>
  );
}
