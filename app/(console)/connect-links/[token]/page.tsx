import type { Metadata } from 'next';
import { ConnectLinkRequest } from '@/components/connect-links/connect-link-request';
import { ConnectForm } from '@/components/connect/connect-form';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';
import { openConnectLink } from '@/lib/connect-links/use-connect-link';
import { findConnection } from '@/lib/connections/get-connection';
import { connectPlan } from '@/lib/credentials/connect-plan';
import { environmentCredentialsView } from '@/lib/credentials/credential-view';
import { isAppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Connect', referrer: 'no-referrer' };

export default async function ConnectLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const user = await requirePageUser();
  const { token } = await params;
  let link;
  try {
    link = await openConnectLink(user, token);
  } catch (e) {
    const message = isAppError(e) ? e.message : 'This connect link cannot be opened.';
    return <EmptyState title="This link cannot be used" action={<ButtonLink href="/connections" variant="secondary">Go to your connections</ButtonLink>}>{message}</EmptyState>;
  }
  const row = (await findConnection(link.appId))?.environments[link.env];
  const views = row && (await environmentCredentialsView(row, user));
  const plan = row && views ? connectPlan(row, user, views) : null;
  const name = link.displayName ?? link.appId;
  return (
    <>
      <PageHeader title={`Connect ${name}`} description={`${link.env === 'draft' ? 'Draft' : 'Live'} environment of ${link.appId}`} />
      <div className="mx-auto max-w-3xl space-y-6">
        <ConnectLinkRequest link={link} />
        {!plan?.ready ? (
          <Card title="Nothing to do here"><p className="text-sm text-slate-700">{plan?.reason ?? 'This environment is not configured any more.'}</p></Card>
        ) : (
          <Card title="Your connection" description="Only you can see and change these.">
            <ConnectForm appId={link.appId} env={link.env} kind={plan.kind} grant={plan.grant} owner={plan.owner} fields={plan.fields} settings={plan.settings} view={plan.view} blocked={plan.blocked} linkId={link.id} />
          </Card>
        )}
      </div>
    </>
  );
}
