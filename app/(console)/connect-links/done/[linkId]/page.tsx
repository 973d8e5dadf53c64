import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ButtonLink } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { requirePageUser } from '@/lib/auth/session';
import { returnToAllowed, readReturnToAllowlist } from '@/lib/connect-links/return-to-allowlist';
import { finishConnectLink } from '@/lib/connect-links/use-connect-link';
import { isAppError } from '@/lib/errors';
import { readOAuthOutcome } from '@/lib/oauth/oauth-outcome';

export const metadata: Metadata = { title: 'Connected' };

type Props = { params: Promise<{ linkId: string }>; searchParams: Promise<{ oauth?: string; message?: string }> };

export default async function ConnectLinkDonePage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const [{ linkId }, query] = await Promise.all([params, searchParams]);
  let result;
  try {
    result = await finishConnectLink(user, linkId);
  } catch (e) {
    return <EmptyState title="This link cannot be used">{isAppError(e) ? e.message : 'Unknown link.'}</EmptyState>;
  }
  const { link, connected } = result;
  const connectPage = `/connections/${link.appId}/connect?env=${link.env}`;
  if (!connected) {
    const outcome = readOAuthOutcome(query);
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <Alert tone="error" title={`${link.appId} is not connected yet`}>{outcome?.tone === 'error' ? outcome.message : 'Your credentials were not saved.'}</Alert>
        <ButtonLink href={connectPage}>Try again</ButtonLink>
      </div>
    );
  }
  // Checked again now: an admin may have removed the entry since the link was made.
  if (link.returnTo && returnToAllowed(link.returnTo, await readReturnToAllowlist())) redirect(link.returnTo);
  return (
    <EmptyState title={`You connected ${link.displayName ?? link.appId}`} action={<ButtonLink href="/connections" variant="secondary">Go to your connections</ButtonLink>}>
      {link.requestedBy} can now use it{link.reason ? ` for ${link.reason}` : ''}. You can close this page.
    </EmptyState>
  );
}
