import Link from 'next/link';
import { KIND_REGISTRY } from '@/lib/connections/kinds';
import { RelativeTime } from '@/components/ui/relative-time';
import type { ConnectionSummary, EnvironmentActivity, EnvironmentSummary } from '@/lib/connections/list-connections';
import type { ConsoleStatus } from '@/lib/credentials/credential-status';
import { expiryWarning } from '@/lib/health/credential-expiry';
import { StatusBadge } from './status-badge';

function ExpiryLine({ expiresOn }: { expiresOn: string | undefined }) {
  const warning = expiryWarning(expiresOn, Date.now());
  if (!warning) return null;
  return (
    <div className={warning.expired ? 'text-xs text-red-700' : 'text-xs text-amber-800'} title={`Expires on ${expiresOn}`} data-testid="expiry-warning">
      {warning.text[0].toUpperCase() + warning.text.slice(1)}
    </div>
  );
}

function ActivityLines({ activity }: { activity: EnvironmentActivity | undefined }) {
  if (!activity) return null;
  const { members, lastUsedAt, tokenExpiresAt } = activity;
  return (
    <>
      {members && <div className="text-xs text-slate-600" data-testid="members-connected">{members.connected} of {members.of} members connected</div>}
      {lastUsedAt && <div className="text-xs text-slate-500">Used <RelativeTime at={lastUsedAt} /></div>}
      {tokenExpiresAt && <div className="text-xs text-slate-500">Token {tokenExpiresAt < Date.now() ? 'expired' : 'expires'} <RelativeTime at={tokenExpiresAt} /></div>}
    </>
  );
}

function EnvironmentCell({ env, expiresOn, status, activity }: { env: EnvironmentSummary | null; expiresOn?: string; status?: ConsoleStatus; activity?: EnvironmentActivity }) {
  if (!env) return <StatusBadge status="not configured" />;
  return (
    <div className="space-y-1">
      <div className="text-slate-800" title={env.kind}>
        {KIND_REGISTRY[env.kind].label} <span className="text-slate-500">· {env.type}</span>
      </div>
      <StatusBadge status={status ?? env.status} />
      <ExpiryLine expiresOn={expiresOn} />
      <ActivityLines activity={activity} />
    </div>
  );
}

function ConnectionCards({ items }: { items: ConnectionSummary[] }) {
  return (
    <ul className="space-y-3 sm:hidden">
      {items.map((item) => (
        <li key={item.appId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
          <Link href={`/connections/${item.appId}`} className="font-medium text-brand-700 hover:underline">{item.appId}</Link>
          <dl className="mt-3 grid grid-cols-[3.5rem_1fr] gap-x-3 gap-y-3 text-sm">
            <dt className="text-slate-500">Draft</dt><dd><EnvironmentCell env={item.environments.draft} expiresOn={item.expiresOn.draft} status={item.consoleStatus.draft} activity={item.activity.draft} /></dd>
            <dt className="text-slate-500">Live</dt><dd><EnvironmentCell env={item.environments.live} expiresOn={item.expiresOn.live} status={item.consoleStatus.live} activity={item.activity.live} /></dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function ConnectionTable({ items }: { items: ConnectionSummary[] }) {
  return (
    <>
      <ConnectionCards items={items} />
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs sm:block">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Connections with their draft and live configuration</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">App ID</th>
            <th scope="col" className="px-4 py-3">Draft</th>
            <th scope="col" className="px-4 py-3">Live</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.appId} className="align-top hover:bg-slate-50" data-testid={`connection-row-${item.appId}`}>
              <th scope="row" className="px-4 py-3 text-left font-medium">
                <Link href={`/connections/${item.appId}`} className="text-brand-700 hover:underline">{item.appId}</Link>
                {item.displayName && <div className="mt-0.5 text-sm font-normal text-slate-700">{item.displayName}</div>}
                {(item.resource.component || item.resource.category) && (
                  <div className="mt-0.5 text-xs font-normal text-slate-500">
                    {[item.resource.component, item.resource.category].filter(Boolean).join(' / ')}
                  </div>
                )}
              </th>
              <td className="px-4 py-3" data-testid="env-draft"><EnvironmentCell env={item.environments.draft} expiresOn={item.expiresOn.draft} status={item.consoleStatus.draft} activity={item.activity.draft} /></td>
              <td className="px-4 py-3" data-testid="env-live"><EnvironmentCell env={item.environments.live} expiresOn={item.expiresOn.live} status={item.consoleStatus.live} activity={item.activity.live} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}
