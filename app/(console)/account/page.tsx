import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const user = await requirePageUser();
  const changed = (await searchParams).password === 'changed';
  return (
    <>
      <PageHeader title="Your account" description="How you sign in to this console." />
      <Card title="Signed in as" className="mb-6">
        <p className="flex flex-wrap items-center gap-3 text-sm text-slate-800">
          <span className="font-medium">{user.email}</span>
          <Badge tone={user.role === 'admin' ? 'blue' : 'neutral'}>{user.role}</Badge>
        </p>
      </Card>
      <Card title="Change password" description="Signs you out everywhere else: other browsers and devices must sign in again with the new password.">
        {changed && <Alert tone="success" className="mb-4">Password changed. Your other sessions are signed out; this one stays signed in.</Alert>}
        <ChangePasswordForm />
      </Card>
    </>
  );
}
