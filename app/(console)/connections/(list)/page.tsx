import type { Metadata } from 'next';
import { ConnectionTable } from '@/components/connections/connection-table';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/field';
import { OAuthOutcome } from '@/components/connections/oauth-outcome';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageUser } from '@/lib/auth/session';
import { listConnections } from '@/lib/connections/list-connections';
import { readOAuthOutcome } from '@/lib/oauth/oauth-outcome';

export const metadata: Metadata = { title: 'Connections' };
const PAGE_SIZE = 25;

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string; oauth?: string; message?: string }> }) {
  const user = await requirePageUser();
  const { q = '', page: pageParam, ...outcome } = await searchParams;
  const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
  const { items, total } = listConnections(user, { search: q.slice(0, 100), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pageCount = Math.ceil(total / PAGE_SIZE);
  const href = (p: number) => `/connections?${new URLSearchParams({ ...(q && { q }), page: String(p) })}`;
  const isAdmin = user.role === 'admin';
  const actions = isAdmin && (
    <>
      <ButtonLink href="/connections/import" variant="secondary">Import</ButtonLink>
      <ButtonLink href="/connections/new">New connection</ButtonLink>
    </>
  );
  return (
    <>
      <PageHeader title="Connections" description="External applications your agents and tools can use, per environment." actions={actions} />
      <div className="mb-4 empty:hidden"><OAuthOutcome outcome={readOAuthOutcome(outcome)} /></div>
      <form role="search" className="mb-4 flex max-w-md gap-2" action="/connections">
        <label htmlFor="q" className="sr-only">Search by app ID</label>
        <Input id="q" name="q" type="search" defaultValue={q} placeholder="Search by app ID" />
        <button type="submit" className="rounded-md bg-white px-3 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">Search</button>
      </form>
      {items.length > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">{total} connection{total === 1 ? '' : 's'}{q && ` matching “${q}”`}</p>
          <ConnectionTable items={items} />
          <Pagination page={page} pageCount={pageCount} href={href} />
        </>
      ) : total > 0 ? (
        <EmptyState title={`There is no page ${page}`} action={<ButtonLink href={href(1)} variant="secondary">Go to page 1</ButtonLink>}>
          {total} connection{total === 1 ? '' : 's'}{q && ` matching “${q}”`} fit on {pageCount} page{pageCount === 1 ? '' : 's'}.
        </EmptyState>
      ) : q ? (
        <EmptyState title="No connections match your search" action={<ButtonLink href="/connections" variant="secondary">Clear search</ButtonLink>}>
          Nothing has an app ID containing “{q}”.
        </EmptyState>
      ) : (
        <EmptyState title="No connections yet" action={isAdmin && <ButtonLink href="/connections/new">New connection</ButtonLink>}>
          {isAdmin ? 'Register the first external application your agents will use.' : 'An admin has not registered any connections yet.'}
        </EmptyState>
      )}
    </>
  );
}
