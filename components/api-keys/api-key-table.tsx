import { Badge } from '@/components/ui/badge';
import { formatUtc } from '@/components/ui/format-date';
import type { ApiKeySummary } from '@/lib/api-keys/list-api-keys';
import { RevokeApiKeyButton } from './revoke-api-key-button';

const when = (ms: number | null) => (ms ? formatUtc(ms, 'minutes') : 'never');

export function ApiKeyTable({ keys }: { keys: ApiKeySummary[] }) {
  if (!keys.length) return <p className="text-sm text-slate-600">No API keys yet. Create one for each program that calls the API.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">Name</th>
            <th scope="col" className="hidden py-2 pr-4 sm:table-cell">Key</th>
            <th scope="col" className="py-2 pr-4">Acts as</th>
            <th scope="col" className="hidden py-2 pr-4 md:table-cell">Created</th>
            <th scope="col" className="hidden py-2 pr-4 md:table-cell">Last used</th>
            <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={k.id} data-testid="api-key-row">
              <td className="py-2 pr-4 font-medium text-slate-900">{k.name}<span className="block text-xs font-normal text-slate-500 md:hidden">Last used {when(k.lastUsedAt)}</span></td>
              <td className="hidden py-2 pr-4 font-mono text-xs text-slate-700 sm:table-cell">{k.prefix}…</td>
              <td className="break-all py-2 pr-4">{k.userEmail} <Badge tone={k.userRole === 'admin' ? 'blue' : 'neutral'}>{k.userRole}</Badge></td>
              <td className="hidden py-2 pr-4 text-slate-600 md:table-cell">{when(k.createdAt)}</td>
              <td className="hidden py-2 pr-4 text-slate-600 md:table-cell">{when(k.lastUsedAt)}</td>
              <td className="py-2 text-right">
                {k.revokedAt ? <Badge tone="red">revoked</Badge> : <RevokeApiKeyButton id={k.id} name={k.name} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
