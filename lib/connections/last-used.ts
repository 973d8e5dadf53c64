import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import type { EnvName } from './kinds';

/** When a tool last read this environment's credentials at run time (the batched runtime-read audit). */
export function lastRuntimeRead(appId: string, env: EnvName): number | null {
  const row = getDb()
    .select({ at: auditEvents.at, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, 'credentials'), eq(auditEvents.target, appId), eq(auditEvents.env, env), eq(auditEvents.action, 'credentials.runtime_read')))
    .orderBy(desc(auditEvents.at))
    .limit(1)
    .get();
  if (!row) return null;
  const last = typeof row.detail?.last === 'string' ? Date.parse(row.detail.last) : NaN;
  return Number.isFinite(last) ? last : row.at;
}
