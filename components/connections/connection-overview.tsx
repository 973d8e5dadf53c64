import { buttonClass, ButtonLink } from '@/components/ui/button';
import { formatUtc } from '@/components/ui/format-date';
import { KIND_REGISTRY, type EnvName } from '@/lib/connections/kinds';
import type { ConsoleStatus } from '@/lib/credentials/credential-status';
import type { EnvironmentCredentialsView } from '@/lib/credentials/credential-view';
import type { EnvironmentRow } from '@/lib/db/schema';
import { StatusBadge } from './status-badge';

type Props = { appId: string; env: EnvName; row: EnvironmentRow; view: EnvironmentCredentialsView; status: ConsoleStatus; isAdmin: boolean; lastUsedAt: number | null; registrationSet: boolean };

/** The main thing to do next on this environment, as one button. */
function MainAction({ appId, env, row, view, isAdmin, registrationSet }: Omit<Props, 'status' | 'lastUsedAt'>) {
  const grant = KIND_REGISTRY[row.kind].grant;
  const page = `/connections/${encodeURIComponent(appId)}`;
  const owner = row.type === 'team' ? view.team : view.own;
  if (grant && grant !== 'implicit' && grant !== 'direct_access') {
    if (!registrationSet) return isAdmin ? <ButtonLink href={`${page}?env=${env}&tab=credentials#${env}-team-credentials`}>Set the client registration</ButtonLink> : null;
    if (grant === 'authorization_code') {
      const label = owner?.hasAccessToken ? 'Reconnect' : 'Connect';
      if (row.type === 'team') return isAdmin ? <a href={`/api/oauth/${encodeURIComponent(appId)}/${env}/authorize?for=team`} className={buttonClass()}>{label}</a> : null;
      return <ButtonLink href={`${page}/connect?env=${env}`}>{label}</ButtonLink>;
    }
    return <ButtonLink href={`${page}?env=${env}&tab=credentials`}>Test the token request</ButtonLink>;
  }
  if (row.type === 'team' && !isAdmin) return null;
  return <ButtonLink href={`${page}?env=${env}&tab=credentials`}>{owner?.exists ? 'Review credentials' : 'Set credentials'}</ButtonLink>;
}

/** The overview header of an environment: status, expiry, last use and the main action. */
export function ConnectionOverview(props: Props) {
  const { row, view, status, lastUsedAt } = props;
  const owner = row.type === 'team' ? view.team : view.own;
  return (
    <section aria-label="Overview" className="mb-6 flex flex-wrap items-center justify-between gap-4 rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-xs">
      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-slate-500">Status</dt>
        <dt className="text-slate-500">Kind</dt>
        <dt className="hidden text-slate-500 sm:block">Token expires</dt>
        <dt className="hidden text-slate-500 sm:block">Last used by a tool</dt>
        <dd><StatusBadge status={status} /></dd>
        <dd>{KIND_REGISTRY[row.kind].label} · {row.type}</dd>
        <dd className="hidden sm:block">{owner?.tokenExpiresAt ? formatUtc(owner.tokenExpiresAt) : '—'}</dd>
        <dd className="hidden sm:block">{lastUsedAt ? formatUtc(lastUsedAt) : 'Never'}</dd>
      </dl>
      <MainAction {...props} />
    </section>
  );
}
