import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { getDb, type Db } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';

export type AuditInput = {
  actor: Actor | null;
  action: string;
  targetType: 'connection' | 'credentials' | 'user' | 'api_key' | 'oauth' | 'system';
  target?: string | null;
  env?: string | null;
  outcome?: 'success' | 'failure';
  /** Field names, counts, reasons: never a secret value. */
  detail?: Record<string, unknown>;
};

export function recordAuditEvent(input: AuditInput, db: Db = getDb()): void {
  db.insert(auditEvents)
    .values({
      actorId: input.actor?.id ?? null,
      actorLabel: input.actor ? `${input.actor.email} (${input.actor.via})` : 'anonymous',
      action: input.action,
      targetType: input.targetType,
      target: input.target ?? null,
      env: input.env ?? null,
      outcome: input.outcome ?? 'success',
      detail: input.detail ?? null,
    })
    .run();
}
