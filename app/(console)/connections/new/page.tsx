import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TemplateForm } from '@/components/catalog/template-form';
import { TemplateGallery } from '@/components/catalog/template-gallery';
import { TemplateSteps } from '@/components/catalog/template-steps';
import { NewConnectionForm } from '@/components/connections/new-connection-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';
import { findTemplate, listCatalog, logoFor } from '@/lib/catalog/catalog';
import { isOAuthCatalogKind } from '@/lib/catalog/template-document';
import { redirectUri } from '@/lib/oauth/authorization-code';

export const metadata: Metadata = { title: 'New connection' };

type Props = { searchParams: Promise<{ template?: string }> };

export default async function NewConnectionPage({ searchParams }: Props) {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  const { template } = await searchParams;
  const breadcrumb = <Link href="/connections" className="hover:underline">Connections</Link>;
  if (template === 'custom') {
    return (<><PageHeader title="New connection" description="Custom: choose the kind and fill every field." breadcrumb={breadcrumb} /><NewConnectionForm /></>);
  }
  const entry = template ? findTemplate(template) : undefined;
  if (template && !entry) notFound();
  if (entry) {
    const steps = <TemplateSteps entry={entry} redirectUri={redirectUri()} oauth={entry.kinds.some(isOAuthCatalogKind)} />;
    return (<><PageHeader title={`New ${entry.display_name} connection`} description={entry.description} breadcrumb={breadcrumb} /><TemplateForm entry={entry} steps={steps} /></>);
  }
  const items = listCatalog().map((e) => ({ name: e.name, displayName: e.display_name, description: e.description, categories: e.categories, kinds: e.kinds, logo: logoFor(e) ?? null }));
  return (<><PageHeader title="New connection" description="Start from a provider: its URLs, scopes and setup steps are filled in for you." breadcrumb={breadcrumb} /><TemplateGallery items={items} /></>);
}
