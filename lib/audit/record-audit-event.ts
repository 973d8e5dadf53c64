import 'server-only';
import { getDb, outsideTransaction, writeTransaction, type Db, type Tx } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { databaseErrorMessage } from '@/lib/db/errors';

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

export async function recordAuditEvent(input: AuditInput, db: Db | Tx = getDb()): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: input.actor?.id ?? null,
    actorLabel: input.actor ? `${input.actor.email} (${input.actor.via})` : (input.systemLabel ?? 'anonymous'),
    action: input.action,
    targetType: input.targetType,
    target: input.target ?? null,
    env: input.env ?? null,
    outcome: input.outcome ?? 'success',
    detail: input.detail ?? null,
  });
}

/**
 * An authorization refusal. The check often runs inside a write transaction that the refusal rolls
 * back, and this event must outlive that rollback: it is written in a transaction of its own,
 * outside the open one (on SQLite after it, on PostgreSQL on another connection). The refusal is
 * thrown at once, without waiting for the write.
 */
export function recordDeniedEvent(actor: AuditActor, reason: string): void {
  void outsideTransaction(() =>
    writeTransaction((tx) => recordAuditEvent({ actor, action: 'authorization.denied', targetType: 'system', outcome: 'denied', detail: { reason } }, tx)),
  ).catch((e: unknown) => {
    console.error('[audit] could not record a denied request:', databaseErrorMessage(e));
  });
}
