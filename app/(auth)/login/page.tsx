import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { OidcSignIn } from '@/components/auth/oidc-sign-in';
import { SignInForm } from '@/components/auth/sign-in-form';
import { oidcSettings } from '@/lib/auth/oidc/oidc-settings';
import { currentActor } from '@/lib/auth/session';
import { safeReturnTo } from '@/lib/security/safe-return-to';
import { countUsers } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ returnTo?: string; error?: string }> }) {
  await connection(); // per request: the user count and session decide where this goes
  if ((await countUsers()) === 0) redirect('/setup');
  const { returnTo, error } = await searchParams;
  const oidc = oidcSettings();
  if (await currentActor()) redirect(safeReturnTo(returnTo));
  return (
    <>
      {oidc && <OidcSignIn name={oidc.name} returnTo={returnTo} error={error} />}
      <SignInForm returnTo={returnTo} />
    </>
  );
}
