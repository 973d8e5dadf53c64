import 'server-only';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { contains } from '@/lib/db/search';
import { auditEvents, type AuditEvent } from '@/lib/db/schema';

export type AuditQuery = { target?: string; search?: string; before?: number; limit?: number };

export function listAuditEvents(query: AuditQuery = {}): AuditEvent[] {
  const filters: SQL[] = [];
  if (query.target) filters.push(eq(auditEvents.target, query.target));
  if (query.before) filters.push(lt(auditEvents.id, query.before));
  if (query.search) {
    const text = query.search;
    filters.push(or(contains(auditEvents.target, text), contains(auditEvents.actorLabel, text), contains(auditEvents.action, text))!);
  }
  return getDb()
    .select()
    .from(auditEvents)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(Math.min(query.limit ?? 50, 200))
    .all();
}
