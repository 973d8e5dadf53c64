import 'server-only';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { contains } from '@/lib/db/search';
import { auditEvents, type AuditEvent } from '@/lib/db/schema';

export type AuditOutcome = AuditEvent['outcome'];
export type AuditQuery = {
  /** Exact object (app id, email): the connection page's own trail. */
  target?: string;
  /** Free text matched against actor, object and action. */
  search?: string;
  action?: string;
  outcome?: AuditOutcome;
  /** Cursor: only events older than this id. */
  before?: number;
  limit?: number;
};

export const AUDIT_OUTCOMES: AuditOutcome[] = ['success', 'failure', 'denied'];

function where(query: AuditQuery): SQL | undefined {
  const filters: SQL[] = [];
  if (query.target) filters.push(eq(auditEvents.target, query.target));
  if (query.action) filters.push(eq(auditEvents.action, query.action));
  if (query.outcome) filters.push(eq(auditEvents.outcome, query.outcome));
  if (query.before) filters.push(lt(auditEvents.id, query.before));
  if (query.search) {
    const text = query.search;
    filters.push(or(contains(auditEvents.target, text), contains(auditEvents.actorLabel, text), contains(auditEvents.action, text))!);
  }
  return filters.length ? and(...filters) : undefined;
}

/** Newest first; walks the primary key backwards, so each page costs its own size, not the table's. */
export async function listAuditEvents(query: AuditQuery = {}): Promise<AuditEvent[]> {
  return getDb()
    .select()
    .from(auditEvents)
    .where(where(query))
    .orderBy(desc(auditEvents.id))
    .limit(Math.min(query.limit ?? 50, 200));
}

export type AuditPage = { events: AuditEvent[]; nextCursor: number | null };

/** One page and the cursor of the next (older) one, or null on the last page. */
export async function listAuditPage(query: AuditQuery = {}): Promise<AuditPage> {
  const limit = Math.min(query.limit ?? 50, 200);
  const rows = await listAuditEvents({ ...query, limit: limit + 1 });
  const events = rows.slice(0, limit);
  return { events, nextCursor: rows.length > limit ? events[events.length - 1].id : null };
}
