import 'server-only';
import { listConnections, type ListPage } from '@/lib/connections/list-connections';
import type { ConnectionFilters } from './home-filters';

const SCAN_PAGE = 100;
const SCAN_LIMIT = 5000;

/**
 * The admins' table with the shared filters. Kind, type and search are SQL filters; the status is
 * the viewer's computed status, so with a status filter the matching connections are collected
 * page by page (at most 5000 scanned) and paged here.
 */
export async function listConnectionsFiltered(viewer: { id: string | null; role?: 'admin' | 'member' }, filters: ConnectionFilters, page: { limit: number; offset: number }): Promise<ListPage> {
  const base = { search: filters.q, kind: filters.kind, type: filters.type };
  if (!filters.status) return listConnections(viewer, { ...base, ...page });
  const matching: ListPage['items'] = [];
  let cursor: string | undefined;
  for (let scanned = 0; scanned < SCAN_LIMIT; scanned += SCAN_PAGE) {
    const chunk = await listConnections(viewer, { ...base, limit: SCAN_PAGE, cursor });
    matching.push(...chunk.items.filter((item) => Object.values(item.environments).some((e) => e?.status === filters.status)));
    if (!chunk.nextCursor) break;
    cursor = chunk.nextCursor;
  }
  return { items: matching.slice(page.offset, page.offset + page.limit), nextCursor: null, total: matching.length };
}
