import type { Metadata } from 'next';
import { ConnectionFiltersForm } from '@/components/connections/connection-filters';
import { ConnectionTable } from '@/components/connections/connection-table';
import { OAuthOutcome } from '@/components/connections/oauth-outcome';
import { MemberHomeView } from '@/components/member-home/member-home-view';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageUser } from '@/lib/auth/session';
import { listConnectionsFiltered } from '@/lib/member-home/admin-list';
import { connectionFiltersSchema, hasFilters } from '@/lib/member-home/home-filters';
import { memberHome } from '@/lib/member-home/member-home';
import { readOAuthOutcome } from '@/lib/oauth/oauth-outcome';

export const metadata: Metadata = { title: 'Connections' };
const PAGE_SIZE = 25;

type Query = { q?: string; status?: string; kind?: string; type?: string; page?: string; oauth?: string; message?: string };

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requirePageUser();
  const query = await searchParams;
  const filters = connectionFiltersSchema.parse(query);
  const filtered = hasFilters(filters);
  const outcome = <div className="mb-4 empty:hidden"><OAuthOutcome outcome={readOAuthOutcome(query)} /></div>;
  if (user.role !== 'admin') {
    return (
      <>
        <PageHeader title="Your connections" description="The applications tools can use on your behalf, and what they need from you." />
        {outcome}
        <ConnectionFiltersForm values={filters} />
        <MemberHomeView home={await memberHome(user, filters)} filtered={filtered} />
      </>
    );
  }
  const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
  const { items, total } = await listConnectionsFiltered(user, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pageCount = Math.ceil(total / PAGE_SIZE);
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  const href = (p: number) => `/connections?${new URLSearchParams({ ...kept, page: String(p) })}`;
  const matching = filters.q ? ` matching “${filters.q}”` : filtered ? ' matching the filters' : '';
  return (
    <>
      <PageHeader
        title="Connections"
        description="External applications your agents and tools can use, per environment."
        actions={<><ButtonLink href="/connections/import" variant="secondary">Import</ButtonLink><ButtonLink href="/connections/new">New connection</ButtonLink></>}
      />
      {outcome}
      <ConnectionFiltersForm values={filters} />
      {items.length > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">{total} connection{total === 1 ? '' : 's'}{matching}</p>
          <ConnectionTable items={items} />
          <Pagination page={page} pageCount={pageCount} href={href} />
        </>
      ) : total > 0 ? (
        <EmptyState title={`There is no page ${page}`} action={<ButtonLink href={href(1)} variant="secondary">Go to page 1</ButtonLink>}>
          {total} connection{total === 1 ? '' : 's'}{matching} fit on {pageCount} page{pageCount === 1 ? '' : 's'}.
        </EmptyState>
      ) : filtered ? (
        <EmptyState title="No connections match your search" action={<ButtonLink href="/connections" variant="secondary">Clear search</ButtonLink>}>
          Nothing matches{filters.q ? ` “${filters.q}” in the app ID or name` : ' these filters'}.
        </EmptyState>
      ) : (
        <EmptyState title="No connections yet" action={<ButtonLink href="/connections/new">New connection</ButtonLink>}>Register the first external application your agents will use.</EmptyState>
      )}
    </>
  );
}
