import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';

/**
 * When tools last read this member's credentials, per `appId:env`, from the runtime-read audit
 * events (recorded for whom the credentials were resolved).
 */
export function lastUsedByMember(email: string): Map<string, number> {
  const rows = getDb().all<{ target: string; env: string; at: number }>(sql`
    select target, env, max(at) as at from audit_events
    where action = 'credentials.runtime_read' and outcome = 'success' and json_extract(detail, '$.for') = ${email}
    group by target, env`);
  return new Map(rows.map((r) => [`${r.target}:${r.env}`, r.at]));
}
