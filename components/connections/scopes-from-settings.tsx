import Link from 'next/link';
import type { AuthSettings } from '@/lib/connections/auth-settings-schema';
import type { EnvName } from '@/lib/connections/kinds';

/** The registration's scopes when the auth settings define them: read-only here, edited there. */
export function ScopesFromSettings({ appId, env, scopes }: { appId: string; env: EnvName; scopes: NonNullable<AuthSettings['scopes']> }) {
  return (
    <div className="mb-4 space-y-1 rounded-md bg-slate-50 p-3 text-sm">
      <p className="font-medium text-slate-800">Scopes</p>
      <ul className="flex flex-wrap gap-1" aria-label="Scopes from the auth settings">
        {scopes.items.map((s) => (
          <li key={s.name} className="rounded bg-white px-1.5 py-0.5 font-mono text-xs ring-1 ring-slate-200">{s.name}{s.required ? ' (required)' : ''}</li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">
        Set in the auth settings, the one place for this environment’s scopes.{' '}
        <Link href={`/connections/${encodeURIComponent(appId)}/auth-settings?env=${env}`} className="font-medium text-brand-700 underline">Edit scopes</Link>
      </p>
    </div>
  );
}
