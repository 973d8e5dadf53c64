import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentActor } from '@/lib/auth/session';
import { safeReturnTo } from '@/lib/security/safe-return-to';
import { countUsers } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  await connection(); // per request: the user count and session decide where this goes
  if (countUsers() === 0) redirect('/setup');
  const { returnTo } = await searchParams;
  if (await currentActor()) redirect(safeReturnTo(returnTo));
  return <SignInForm returnTo={returnTo} />;
}
