import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NewConnectionForm } from '@/components/connections/new-connection-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'New connection' };

export default async function NewConnectionPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  return (
    <>
      <PageHeader title="New connection" breadcrumb={<Link href="/connections" className="hover:underline">Connections</Link>} />
      <NewConnectionForm />
    </>
  );
}
