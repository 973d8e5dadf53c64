import { Badge } from '@/components/ui/badge';
import { rowDisplayStatus } from '@/lib/credentials/credential-status';
import type { OwnerSummary } from '@/lib/credentials/credential-view';
import { StatusBadge } from './status-badge';

export function OwnersTable({ owners }: { owners: OwnerSummary[] }) {
  if (owners.length === 0) return <p className="text-sm text-slate-500">No member has set credentials yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr><th scope="col" className="py-1 pr-4">Member</th><th scope="col" className="py-1 pr-4">Status</th><th scope="col" className="py-1">Settings</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {owners.map((o) => (
            <tr key={o.ownerKey}>
              <td className="break-all py-2 pr-4">{o.email ?? 'removed user'}</td>
              <td className="py-2 pr-4"><StatusBadge status={rowDisplayStatus(o.status)} /></td>
              <td className="py-2">
                {o.needsReview ? <Badge tone="amber">set before the settings changed: needs review</Badge> : <span className="text-slate-500">up to date</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
