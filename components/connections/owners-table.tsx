import { Badge } from '@/components/ui/badge';
import type { OwnerSummary } from '@/lib/credentials/credential-view';

export function OwnersTable({ owners, currentVersion }: { owners: OwnerSummary[]; currentVersion: number }) {
  if (owners.length === 0) return <p className="text-sm text-slate-500">No member has set credentials yet.</p>;
  return (
    <table className="min-w-full text-sm">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr><th scope="col" className="py-1 pr-4">Member</th><th scope="col" className="py-1 pr-4">Status</th><th scope="col" className="py-1">Settings</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {owners.map((o) => (
          <tr key={o.ownerKey}>
            <td className="py-2 pr-4">{o.email ?? 'removed user'}</td>
            <td className="py-2 pr-4"><Badge tone={o.status === 'connected' ? 'green' : o.status === 'error' ? 'red' : 'amber'}>{o.status}</Badge></td>
            <td className="py-2">
              {o.settingsVersion < currentVersion ? <Badge tone="amber">set under older settings: review</Badge> : <span className="text-slate-500">current</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
