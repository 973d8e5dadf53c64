import 'server-only';
import { getDb, type Db, type Tx } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';

/** Who acted, as the audit trail labels them (structurally the auth `Actor`; audit does not import auth). */
export type AuditActor = { id: string | null; email: string; via: string; role?: string };

export type AuditInput = {
  actor: AuditActor | null;
  action: string;
  targetType: 'connection' | 'credentials' | 'user' | 'api_key' | 'oauth' | 'system' | 'settings';
  target?: string | null;
  env?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  /** Field names, counts, reasons: never a secret value. */
  detail?: Record<string, unknown>;
  /** Who acted when no user did: `system` for background work such as token refreshes. */
  systemLabel?: 'system';
};

export function recordAuditEvent(input: AuditInput, db: Db | Tx = getDb()): void {
  db.insert(auditEvents)
    .values({
      actorId: input.actor?.id ?? null,
      actorLabel: input.actor ? `${input.actor.email} (${input.actor.via})` : (input.systemLabel ?? 'anonymous'),
      action: input.action,
      targetType: input.targetType,
      target: input.target ?? null,
      env: input.env ?? null,
      outcome: input.outcome ?? 'success',
      detail: input.detail ?? null,
    })
    .run();
}

/**
 * An authorization refusal. Recorded on the next microtask: the check often runs inside a write
 * transaction that the refusal rolls back, and this event must outlive that rollback. Transactions
 * are synchronous here, so by the time the microtask runs none is open.
 */
export function recordDeniedEvent(actor: AuditActor, reason: string): void {
  queueMicrotask(() => {
    try {
      recordAuditEvent({ actor, action: 'authorization.denied', targetType: 'system', outcome: 'denied', detail: { reason } });
    } catch (e) {
      console.error('[audit] could not record a denied request:', e instanceof Error ? e.message : 'unknown error');
    }
  });
}
