import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { SetupForm } from '@/components/auth/setup-form';
import { countUsers } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Set up' };

export default async function SetupPage() {
  await connection(); // never prerender: whether setup is open depends on the database now
  if ((await countUsers()) > 0) notFound();
  return <SetupForm />;
}
