import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import * as z from 'zod';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditTable } from '@/components/audit/audit-table';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { AUDIT_OUTCOMES, listAuditPage } from '@/lib/audit/list-audit-events';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };

const querySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  action: z.string().trim().max(100).catch(''),
  outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound(); // admins only, as the Users page
  const { q, action, outcome, before } = querySchema.parse({ q: '', action: '', ...(await searchParams) });
  const { events, nextCursor } = await listAuditPage({ search: q || undefined, action: action || undefined, outcome, before, limit: 50 });
  const filters = { ...(q && { q }), ...(action && { action }), ...(outcome && { outcome }) };
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, and when. Values are never recorded, only which fields changed." />
      <AuditFilters values={{ q, action, outcome: outcome ?? '' }} />
      {events.length > 0 ? (
        <>
          <AuditTable events={events} />
          <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
            {before && <ButtonLink variant="secondary" size="sm" href={`/audit?${new URLSearchParams(filters)}`}>Newest</ButtonLink>}
            {nextCursor && <ButtonLink variant="secondary" size="sm" rel="next" href={`/audit?${new URLSearchParams({ ...filters, before: String(nextCursor) })}`}>Older events</ButtonLink>}
          </nav>
        </>
      ) : (
        <EmptyState title={filtered || before ? 'No events match' : 'No events yet'}>
          {filtered ? 'Nothing recorded matches these filters.' : before ? 'There are no older events.' : 'Changes to connections, credentials and users will appear here.'}
        </EmptyState>
      )}
    </>
  );
}
