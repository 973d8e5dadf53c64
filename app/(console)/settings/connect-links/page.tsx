import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReturnToAllowlistForm } from '@/components/connect-links/return-to-allowlist-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';
import { readReturnToAllowlist } from '@/lib/connect-links/return-to-allowlist';

export const metadata: Metadata = { title: 'Connect links' };

export default async function ConnectLinkSettingsPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  return (
    <>
      <PageHeader title="Connect links" description="After connecting from a link, a member is sent to its return URL only when it matches this list; otherwise they see a done page." />
      <Card title="Where members may be sent back to">
        <ReturnToAllowlistForm entries={await readReturnToAllowlist()} />
      </Card>
    </>
  );
}
