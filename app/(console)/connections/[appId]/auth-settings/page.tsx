import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuthSettingsEditor } from '@/components/auth-settings/auth-settings-editor';
import { VERIFIABLE_KINDS } from '@/lib/health/verify-credentials';
import { EnvironmentTabs } from '@/components/connections/environment-tabs';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';
import { authSettingsFormValues } from '@/lib/connections/auth-settings-form';
import { findConnection } from '@/lib/connections/get-connection';
import { fieldsFor, KIND_REGISTRY } from '@/lib/connections/kinds';
import { connectionCredentialsOverview } from '@/lib/credentials/credential-view';

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<{ env?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Auth settings · ${(await params).appId}` };
}

export default async function AuthSettingsPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const [{ appId }, query] = await Promise.all([params, searchParams]);
  const connection = await findConnection(appId);
  if (!connection) notFound();
  const env = query.env === 'live' ? 'live' : 'draft';
  const back = `/connections/${appId}?env=${env}`;
  const header = (
    <PageHeader
      title="Auth settings"
      description="Scopes, parameters and config values: what whoever sets the credentials is asked for."
      breadcrumb={<><Link href="/connections" className="hover:underline">Connections</Link> / <Link href={back} className="hover:underline">{appId}</Link></>}
      actions={<ButtonLink href={`/connections/${appId}/connect?env=${env}`} variant="secondary">Open connect page</ButtonLink>}
    />
  );
  if (user.role !== 'admin') {
    return <>{header}<EmptyState title="Only admins change auth settings" action={<ButtonLink href={back} variant="secondary">Back to {appId}</ButtonLink>} /></>;
  }
  const row = connection.environments[env];
  const { statuses } = await connectionCredentialsOverview(connection, user);
  if (!row) {
    return (
      <>
        {header}
        <EnvironmentTabs appId={appId} current={env} statuses={statuses} basePath={`/connections/${appId}/auth-settings`} />
        <EmptyState title={`${env === 'draft' ? 'Draft' : 'Live'} is not configured`} action={<ButtonLink href={back}>Configure it</ButtonLink>}>Choose a kind first; auth settings belong to a configured environment.</EmptyState>
      </>
    );
  }
  const kind = row.kind;
  const owner = row.type === 'member' ? 'self' : 'team';
  const { initial, storedSecrets } = authSettingsFormValues(row);
  return (
    <>
      {header}
      <EnvironmentTabs appId={appId} current={env} statuses={statuses} basePath={`/connections/${appId}/auth-settings`} />
      <AuthSettingsEditor
        appId={appId}
        env={env}
        initial={initial}
        storedSecrets={storedSecrets}
        verifiable={VERIFIABLE_KINDS.includes(kind) ? { apiKey: kind === 'api_key' } : undefined}
        preview={{
          appId,
          env,
          kind,
          grant: KIND_REGISTRY[kind].grant,
          owner,
          fields: owner === 'self' ? fieldsFor(kind, 'member', 'member') : fieldsFor(kind, 'team', 'team'),
        }}
      />
    </>
  );
}
