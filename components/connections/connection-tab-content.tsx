import Link from 'next/link';
import { AuditList } from '@/components/audit/audit-list';
import { ConnectLinkForm } from '@/components/connect-links/connect-link-form';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { UserActor } from '@/lib/auth/actor';
import type { AuthSettings } from '@/lib/connections/auth-settings-schema';
import { environmentToConfig } from '@/lib/connections/environment-mapping';
import type { EnvName } from '@/lib/connections/kinds';
import type { EnvironmentCredentialsView, OwnerSummary } from '@/lib/credentials/credential-view';
import type { AuditEvent, EnvironmentRow } from '@/lib/db/schema';
import type { OAuthOutcomeView } from '@/lib/oauth/oauth-outcome';
import type { ConnectionTab } from './connection-section-tabs';
import { CredentialsSection } from './credentials-section';
import { EnvironmentForm } from './environment-form';
import { EnvironmentPanel } from './environment-panel';
import { OAuthOutcome } from './oauth-outcome';
import { OAuthPanel } from './oauth-panel';
import { OwnersTable } from './owners-table';

/** `auditEvents` and `memberEmails` are loaded by the page for admins (empty for members). */
type Props = {
  tab: ConnectionTab;
  appId: string;
  env: EnvName;
  row: EnvironmentRow | undefined;
  view: EnvironmentCredentialsView | undefined;
  owners: OwnerSummary[] | null;
  user: UserActor;
  outcome: OAuthOutcomeView;
  auditEvents: AuditEvent[];
  memberEmails: string[];
};

function AuditCard({ events }: { events: AuditEvent[] }) {
  return (
    <Card title="Audit trail" description="Who changed what and when. Secret values are never recorded." className="mt-8">
      <AuditList events={events} />
    </Card>
  );
}

function ConnectLinkCard({ appId, env, members }: { appId: string; env: EnvName; members: string[] }) {
  return (
    <Card title="Ask a member to connect" description="A link for one member: it works once and expires. They see who asks and why." className="mt-8">
      <ConnectLinkForm appId={appId} env={env} members={members} />
    </Card>
  );
}

function AuthSettingsSummary({ appId, env, row }: { appId: string; env: EnvName; row: EnvironmentRow }) {
  const settings: Partial<AuthSettings> = row.authSettings ?? {};
  const scopes = settings.scopes?.items ?? [];
  return (
    <Card title="Auth settings" description="Scopes, parameters and config values asked of whoever sets the credentials." actions={<Link href={`/connections/${encodeURIComponent(appId)}/auth-settings?env=${env}`} className="text-sm font-medium text-brand-700 underline">Edit auth settings</Link>}>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500">Scopes</dt><dd className="font-mono text-xs">{scopes.length ? scopes.map((s) => s.name).join(' ') : '— (the registration’s Scope field is used)'}</dd>
        <dt className="text-slate-500">Parameters</dt><dd>{settings.parameters?.length ? settings.parameters.map((p) => p.label).join(', ') : '—'}</dd>
        <dt className="text-slate-500">Config values</dt><dd>{settings.config_values?.length ? settings.config_values.map((c) => c.label).join(', ') : '—'}</dd>
        <dt className="text-slate-500">Token request</dt><dd>{settings.token_request?.content_type ?? 'application/x-www-form-urlencoded'}</dd>
      </dl>
    </Card>
  );
}

/**
 * One tab of the connection page. Overview keeps every section of the environment (as the page
 * always had, so nothing moves for someone who never clicks a tab); the other tabs show one part.
 */
export function ConnectionTabContent({ tab, appId, env, row, view, owners, user, outcome, auditEvents, memberEmails }: Props) {
  const isAdmin = user.role === 'admin';
  if (!row || !view || tab === 'overview') {
    return (
      <>
        <EnvironmentPanel appId={appId} env={env} row={row} view={view} owners={owners} user={user} outcome={outcome} />
        {isAdmin && row?.type === 'member' && <ConnectLinkCard appId={appId} env={env} members={memberEmails} />}
        {isAdmin && <AuditCard events={auditEvents} />}
      </>
    );
  }
  switch (tab) {
    case 'credentials':
      return (
        <div className="space-y-6">
          <OAuthOutcome outcome={outcome} />
          <OAuthPanel appId={appId} env={env} row={row} view={row.type === 'team' ? view.team : view.own} isAdmin={isAdmin} registrationSet={view.registrationSet} requestedScopes={view.requestedScopes} />
          <CredentialsSection appId={appId} env={env} row={row} view={view} owners={null} isAdmin={isAdmin} />
        </div>
      );
    case 'configuration': {
      const { auth_settings: _auth, ...config } = environmentToConfig(row);
      return <Card title="Configuration">{isAdmin ? <EnvironmentForm appId={appId} env={env} config={config} credentialCount={owners?.length ?? 0} /> : <p className="text-sm text-slate-600">Managed by admins: {row.kind} · {row.type} · {row.serverUrl ?? 'no server URL'}.</p>}</Card>;
    }
    case 'auth-settings':
      return <AuthSettingsSummary appId={appId} env={env} row={row} />;
    case 'members':
      if (row.type !== 'member') return <EmptyState title="A team connection">One set of credentials is shared by the whole team; members set nothing of their own.</EmptyState>;
      return (
        <>
          <Card title="Members’ credentials" description="Who has set up this connection. Values are never shown."><OwnersTable owners={(owners ?? []).filter((o) => o.ownerKey !== 'team')} /></Card>
          {isAdmin && <ConnectLinkCard appId={appId} env={env} members={memberEmails} />}
        </>
      );
    case 'activity':
      return isAdmin ? <AuditCard events={auditEvents} /> : null;
  }
}
