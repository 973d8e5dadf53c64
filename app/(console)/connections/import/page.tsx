import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ImportForm } from '@/components/import/import-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Import connections' };

export default async function ImportPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  return (
    <>
      <PageHeader
        title="Import connections"
        description="Paste or upload orchestrate “kind: connection” files (YAML or JSON, one or many documents separated by ---). Preview shows every problem or what will change; nothing is written unless the whole file is valid."
        breadcrumb={<Link href="/connections" className="hover:underline">Connections</Link>}
      />
      <ImportForm />
    </>
  );
}
