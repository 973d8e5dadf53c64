import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConnectForm } from '@/components/connect/connect-form';
import { OAuthOutcome } from '@/components/connections/oauth-outcome';
import { StatusBadge } from '@/components/connections/status-badge';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';
import { findConnection } from '@/lib/connections/get-connection';
import { KIND_REGISTRY } from '@/lib/connections/kinds';
import { connectPlan } from '@/lib/credentials/connect-plan';
import { environmentCredentialsView } from '@/lib/credentials/credential-view';
import { readOAuthOutcome } from '@/lib/oauth/oauth-outcome';

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<{ env?: string; oauth?: string; message?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Connect ${(await params).appId}` };
}

export default async function ConnectPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const [{ appId }, query] = await Promise.all([params, searchParams]);
  const connection = await findConnection(appId);
  if (!connection) notFound();
  const env = query.env === 'live' ? 'live' : 'draft';
  const row = connection.environments[env];
  const back = `/connections/${appId}?env=${env}`;
  const views = row && (await environmentCredentialsView(row, user));
  const header = (
    <PageHeader
      title={`Connect ${appId}`}
      description={row ? `${KIND_REGISTRY[row.kind].label} · ${env === 'draft' ? 'Draft' : 'Live'} environment` : undefined}
      breadcrumb={<><Link href="/connections" className="hover:underline">Connections</Link> / <Link href={back} className="hover:underline">{appId}</Link></>}
      actions={views && <StatusBadge status={views.status} />}
    />
  );
  if (!row || !views) {
    return <>{header}<EmptyState title={`The ${env} environment is not configured`} action={<ButtonLink href={`/connections/${appId}`} variant="secondary">Back to {appId}</ButtonLink>}>An admin has to configure it before anyone can connect.</EmptyState></>;
  }
  const plan = connectPlan(row, user, views);
  return (
    <>
      {header}
      <div className="mx-auto max-w-3xl space-y-6">
        <OAuthOutcome
          outcome={readOAuthOutcome(query)}
          connected={
            <Alert tone="success" title={`Connected to ${appId}`}>
              The provider granted access and your tokens are stored. Tools can now act for you. <Link href={back} className="font-medium underline">Back to {appId}</Link>
            </Alert>
          }
        />
        {!plan.ready ? (
          <Card title="Nothing to do here"><p className="text-sm text-slate-700">{plan.reason}</p></Card>
        ) : (
          <>
            {plan.needsReview && (
              <Alert tone="warning" title="Please review your credentials">
                An admin changed this connection’s settings after you set yours. They still work; check the fields below and save again.
              </Alert>
            )}
            <Card title={plan.owner === 'team' ? 'Team credentials' : 'Your connection'} description={plan.owner === 'team' ? 'Shared by the whole team.' : 'Only you can see and change these.'}>
              <ConnectForm appId={appId} env={env} kind={plan.kind} grant={plan.grant} owner={plan.owner} fields={plan.fields} settings={plan.settings} view={plan.view} blocked={plan.blocked} />
            </Card>
          </>
        )}
      </div>
    </>
  );
}
