import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DisplayNameForm } from '@/components/connections/display-name-form';
import { ConnectionOverview } from '@/components/connections/connection-overview';
import { ConnectionSectionTabs, parseConnectionTab } from '@/components/connections/connection-section-tabs';
import { ConnectionTabContent } from '@/components/connections/connection-tab-content';
import { DeleteConnectionButton } from '@/components/connections/delete-connection-button';
import { EnvironmentTabs } from '@/components/connections/environment-tabs';
import { PromoteButton } from '@/components/connections/promote-button';
import { ViewYaml } from '@/components/connections/view-yaml';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { environmentLastUsedAt } from '@/lib/health/usage';
import { requirePageUser } from '@/lib/auth/session';
import { findConnection } from '@/lib/connections/get-connection';
import { exportConnectionYaml } from '@/lib/import-export/export-connection';
import { connectionCredentialsOverview, listCredentialOwners } from '@/lib/credentials/credential-view';
import { readOAuthOutcome } from '@/lib/oauth/oauth-outcome';
import { listUsers } from '@/lib/users/users';

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<{ env?: string; tab?: string; oauth?: string; message?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).appId };
}

export default async function ConnectionPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const [{ appId }, query] = await Promise.all([params, searchParams]);
  const connection = await findConnection(appId);
  if (!connection) notFound();
  const env = query.env === 'live' ? 'live' : 'draft';
  const isAdmin = user.role === 'admin';
  const { views, statuses } = await connectionCredentialsOverview(connection, user);
  const row = connection.environments[env];
  const owners = row && isAdmin ? await listCredentialOwners(row) : null;
  const resource = [connection.resourceComponent, connection.resourceCategory].filter(Boolean).join(' / ');
  const tab = parseConnectionTab(query.tab);
  // Admins only, and only for the tabs that show them (Overview shows every section).
  const auditEvents = isAdmin && (tab === 'overview' || tab === 'activity') ? await listAuditEvents({ target: appId, limit: 30 }) : [];
  const memberEmails = isAdmin && row?.type === 'member' && (tab === 'overview' || tab === 'members') ? (await listUsers()).map((u) => u.email) : [];
  return (
    <>
      <PageHeader
        title={appId}
        description={[connection.displayName, resource && `Resource: ${resource}`].filter(Boolean).join(' · ') || undefined}
        breadcrumb={<Link href="/connections" className="hover:underline">Connections</Link>}
        actions={isAdmin && <>{connection.environments.draft && <PromoteButton appId={appId} />}<DeleteConnectionButton appId={appId} /></>}
      />
      {isAdmin && <div className="mb-6"><DisplayNameForm appId={appId} displayName={connection.displayName} /></div>}
      <EnvironmentTabs appId={appId} current={env} statuses={statuses} />
      {row && views[env] && (
        <ConnectionOverview appId={appId} env={env} row={row} view={views[env]} status={statuses[env]} isAdmin={isAdmin} lastUsedAt={await environmentLastUsedAt(row.id)} registrationSet={views[env].registrationSet} />
      )}
      <ConnectionSectionTabs appId={appId} env={env} current={tab} isAdmin={isAdmin} />
      <div className="mb-6"><ViewYaml appId={appId} yaml={await exportConnectionYaml(appId, user)} /></div>
      <ConnectionTabContent tab={tab} appId={appId} env={env} row={row} view={views[env]} owners={owners} user={user} outcome={readOAuthOutcome(query)} auditEvents={auditEvents} memberEmails={memberEmails} />
    </>
  );
}
