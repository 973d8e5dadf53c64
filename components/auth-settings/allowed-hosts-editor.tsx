'use client';

import { useFormContext } from 'react-hook-form';
import { describedBy, Field, Input } from '@/components/ui/field';

const FIELDS = [
  { name: 'server_url', label: 'Allowed hosts for server_url', oauthOnly: false },
  { name: 'token_url', label: 'Allowed hosts for token_url', oauthOnly: true },
  { name: 'authorization_url', label: 'Allowed hosts for authorization_url', oauthOnly: true },
] as const;

/** The first message under a field, whether it is on the list or on one of its hosts. */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { message?: unknown } & Record<string, unknown>;
  if (typeof e.message === 'string') return e.message;
  for (const value of Object.values(e)) {
    const nested = firstMessage(value);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Where parameters may point a URL: without a host here, a `{key}` filled from a parameter can only
 * change the path or query, never the scheme, host or port the builder wrote.
 */
export function AllowedHostsEditor({ oauth }: { oauth: boolean }) {
  const { register, formState } = useFormContext();
  const errors = (formState.errors as { allowed_hosts?: Record<string, unknown> }).allowed_hosts;
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-1 text-base font-semibold text-slate-900">Allowed hosts</legend>
      <p className="-mt-1 text-sm text-slate-600">
        Parameters may change only the path or query of a URL. To let a parameter choose the host (for example <code>https://{'{domain}'}/oauth2/v1/token</code>), list the hosts it may choose, such as <code>*.okta.com</code>.
      </p>
      {FIELDS.filter((f) => oauth || !f.oauthOnly).map((f) => {
        const id = `allowed-hosts-${f.name}`;
        const error = firstMessage(errors?.[f.name]);
        return (
          <Field key={f.name} id={id} label={f.label} hint="Hosts separated by commas; *.example.com allows its subdomains." error={error}>
            <Input id={id} className="font-mono" placeholder="*.okta.com" aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error, true)} {...register(`allowed_hosts.${f.name}`)} />
          </Field>
        );
      })}
    </fieldset>
  );
}
