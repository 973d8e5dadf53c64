import { Card } from '@/components/ui/card';
import type { UserActor } from '@/lib/auth/actor';
import { environmentToConfig } from '@/lib/connections/environment-mapping';
import { KIND_REGISTRY, type EnvName } from '@/lib/connections/kinds';
import type { EnvironmentCredentialsView, OwnerSummary } from '@/lib/credentials/credential-view';
import type { EnvironmentRow } from '@/lib/db/schema';
import { CredentialsSection } from './credentials-section';
import { EnvironmentForm } from './environment-form';
import { EnvironmentLinks } from './environment-links';
import type { OAuthOutcomeView } from '@/lib/oauth/oauth-outcome';
import { OAuthOutcome } from './oauth-outcome';
import { OAuthPanel } from './oauth-panel';

function ConfigSummary({ row }: { row: EnvironmentRow }) {
  const def = KIND_REGISTRY[row.kind];
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="text-slate-500">Kind</dt><dd>{def.label} <span className="text-slate-500">({row.kind})</span></dd>
      <dt className="text-slate-500">Type</dt><dd>{row.type === 'team' ? 'Team: one shared set of credentials' : 'Member: each member sets their own'}</dd>
      <dt className="text-slate-500">Server URL</dt><dd className="break-all">{row.serverUrl ?? '—'}</dd>
    </dl>
  );
}

type Props = {
  appId: string;
  env: EnvName;
  row: EnvironmentRow | undefined;
  view: EnvironmentCredentialsView | undefined;
  owners: OwnerSummary[] | null;
  user: UserActor;
  outcome: OAuthOutcomeView;
};

export function EnvironmentPanel({ appId, env, row, view, owners, user, outcome }: Props) {
  const isAdmin = user.role === 'admin';
  if (!row || !view) {
    return (
      <Card title={`${env === 'draft' ? 'Draft' : 'Live'} is not configured`} description={isAdmin ? 'Choose how this environment authenticates.' : 'An admin has not configured this environment yet.'}>
        {isAdmin ? <EnvironmentForm appId={appId} env={env} credentialCount={0} /> : null}
      </Card>
    );
  }
  const { auth_settings: _auth, ...config } = environmentToConfig(row);
  return (
    <div className="space-y-6">
      <OAuthOutcome outcome={outcome} />
      <EnvironmentLinks appId={appId} env={env} row={row} isAdmin={isAdmin} />
      <Card title="Configuration" description={isAdmin ? undefined : 'Managed by admins.'}>
        {isAdmin ? <EnvironmentForm appId={appId} env={env} config={config} credentialCount={owners?.length ?? 0} /> : <ConfigSummary row={row} />}
      </Card>
      <OAuthPanel appId={appId} env={env} row={row} view={row.type === 'team' ? view.team : view.own} isAdmin={isAdmin} registrationSet={view.registrationSet} requestedScopes={view.requestedScopes} />
      <CredentialsSection appId={appId} env={env} row={row} view={view} owners={owners} isAdmin={isAdmin} />
    </div>
  );
}
