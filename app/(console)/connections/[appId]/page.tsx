import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConnectLinkForm } from '@/components/connect-links/connect-link-form';
import { AuditList } from '@/components/audit/audit-list';
import { DisplayNameForm } from '@/components/connections/display-name-form';
import { DeleteConnectionButton } from '@/components/connections/delete-connection-button';
import { EnvironmentPanel } from '@/components/connections/environment-panel';
import { EnvironmentTabs } from '@/components/connections/environment-tabs';
import { PromoteButton } from '@/components/connections/promote-button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { requirePageUser } from '@/lib/auth/session';
import { findConnection } from '@/lib/connections/get-connection';
import { connectionCredentialsOverview, listCredentialOwners } from '@/lib/credentials/credential-view';
import { readOAuthOutcome } from '@/lib/oauth/oauth-outcome';
import { listUsers } from '@/lib/users/users';

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<{ env?: string; oauth?: string; message?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).appId };
}

export default async function ConnectionPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const [{ appId }, query] = await Promise.all([params, searchParams]);
  const connection = findConnection(appId);
  if (!connection) notFound();
  const env = query.env === 'live' ? 'live' : 'draft';
  const isAdmin = user.role === 'admin';
  const { views, statuses } = connectionCredentialsOverview(connection, user);
  const row = connection.environments[env];
  const owners = row && isAdmin ? listCredentialOwners(row) : null;
  const resource = [connection.resourceComponent, connection.resourceCategory].filter(Boolean).join(' / ');
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
      <EnvironmentPanel appId={appId} env={env} row={row} view={views[env]} owners={owners} user={user} outcome={readOAuthOutcome(query)} />
      {isAdmin && row?.type === 'member' && (
        <Card title="Ask a member to connect" description="A link for one member: it works once and expires. They see who asks and why." className="mt-8">
          <ConnectLinkForm appId={appId} env={env} members={listUsers().map((u) => u.email)} />
        </Card>
      )}
      {isAdmin && (
        <Card title="Audit trail" description="Who changed what and when. Secret values are never recorded." className="mt-8">
          <AuditList events={listAuditEvents({ target: appId, limit: 30 })} />
        </Card>
      )}
    </>
  );
}
