import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { SetPasswordForm } from '@/components/auth/set-password-form';
import { openAccountLink } from '@/lib/accounts/use-account-link';
import { isAppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Choose a password', referrer: 'no-referrer' };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  try {
    const link = await openAccountLink(token);
    return <SetPasswordForm token={token} email={link.email} purpose={link.purpose} />;
  } catch (e) {
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-semibold">This link cannot be used</h1>
        <p role="alert" className="text-sm text-slate-700">{isAppError(e) ? e.message : 'Ask an admin for a new link.'}</p>
        <Link href="/login" className="text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </div>
    );
  }
}
