import Link from 'next/link';
import { StatusBadge } from '@/components/connections/status-badge';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import type { HomeItem } from '@/lib/member-home/member-home';
import { DisconnectButton } from './disconnect-button';

const envLabel = (env: string) => (env === 'draft' ? 'Draft' : 'Live');

/** One connection environment on the member's home, as a card that stacks on a phone. */
export function HomeItemCard({ item, section }: { item: HomeItem; section: 'action' | 'connected' | 'managed' }) {
  const name = item.displayName ?? item.appId;
  const connect = `/connections/${item.appId}/connect?env=${item.env}`;
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between" data-testid="home-item" aria-label={`${name} (${item.env})`}>
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2">
          <Link href={`/connections/${item.appId}?env=${item.env}`} className="font-medium text-slate-900 hover:underline">{name}</Link>
          {item.displayName && <span className="text-xs text-slate-500">{item.appId}</span>}
          <Badge>{envLabel(item.env)}</Badge>
          <StatusBadge status={item.status} />
        </p>
        <p className="text-sm text-slate-600">{item.kindLabel} · {item.type === 'team' ? 'shared by the team' : 'your own credentials'}</p>
        {section === 'action' && item.action && <p className="text-sm font-medium text-amber-800">{item.action}</p>}
        {section === 'connected' && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-700">
            {item.grantedScopes.length > 0 && <><dt className="text-slate-500">Permissions</dt><dd className="break-all">{item.grantedScopes.join(', ')}</dd></>}
            {item.tokenExpiresAt && <><dt className="text-slate-500">Access until</dt><dd><RelativeTime at={item.tokenExpiresAt} />{item.renewsItself && ', renewed automatically'}</dd></>}
            <dt className="text-slate-500">Last used</dt><dd>{item.lastUsedAt ? <RelativeTime at={item.lastUsedAt} /> : 'not yet'}</dd>
          </dl>
        )}
        {section === 'managed' && <p className="text-xs text-slate-500">{item.type === 'team' ? 'Admins set these credentials for everyone.' : 'Nothing to set: it uses your sign-in.'}</p>}
      </div>
      <div className="flex shrink-0 flex-wrap items-center gap-2">
        {section === 'action' && <ButtonLink href={connect} size="sm" aria-label={`Connect ${name} (${item.env})`}>{item.status === 'connected' ? 'Review' : 'Connect'}</ButtonLink>}
        {section === 'connected' && (
          <>
            <ButtonLink href={connect} size="sm" variant="secondary" aria-label={`Reconnect ${name} (${item.env})`}>Reconnect</ButtonLink>
            <DisconnectButton appId={item.appId} env={item.env} name={name} />
          </>
        )}
      </div>
    </li>
  );
}
