import 'server-only';
import { recordAuditEvent, type AuditInput } from '@/lib/audit/record-audit-event';
import { writeTransaction } from '@/lib/db/client';
import { databaseErrorMessage } from '@/lib/db/errors';

/**
 * Runtime credential reads are audited like everything else, but a row and a disk sync per tool
 * call would cost more than the read itself. Reads are collected and written at most
 * FLUSH_DELAY_MS later (and when the server stops) in one transaction, identical reads (same
 * caller, connection, environment, owner and outcome) as one row with their `count`, first and
 * last time. A crash loses at most that window of read events; writes are audited inside their
 * own transaction.
 */
const FLUSH_DELAY_MS = 250;
const MAX_PENDING = 1_000;

type ReadEvent = Omit<AuditInput, 'action' | 'targetType'>;
type Pending = { event: ReadEvent; count: number; first: number; last: number };

const state: { __runtimeAudit?: { pending: Map<string, Pending>; timer: NodeJS.Timeout | null; hooked: boolean } } & typeof globalThis = globalThis;
const audit = (state.__runtimeAudit ??= { pending: new Map(), timer: null, hooked: false });

export async function flushRuntimeAudit(): Promise<void> {
  if (audit.timer) clearTimeout(audit.timer);
  audit.timer = null;
  if (!audit.pending.size) return;
  const batch = [...audit.pending.values()];
  audit.pending.clear();
  try {
    await writeTransaction(async (tx) => {
      for (const { event, count, first, last } of batch) {
        await recordAuditEvent({ ...event, action: 'credentials.runtime_read', targetType: 'credentials', detail: { ...event.detail, count, first: new Date(first).toISOString(), last: new Date(last).toISOString() } }, tx);
      }
    });
  } catch (e) {
    console.error('[audit] could not write runtime read events:', databaseErrorMessage(e));
  }
}

export function recordRuntimeRead(event: ReadEvent): void {
  const now = Date.now();
  const detail = event.detail ?? {};
  const key = `${event.actor?.id}\u0000${event.actor?.email}\u0000${event.actor?.via}\u0000${event.target}\u0000${event.env}\u0000${event.outcome}\u0000${detail.for}\u0000${detail.kind}\u0000${detail.code}`;
  const pending = audit.pending.get(key);
  if (pending) {
    pending.count++;
    pending.last = now;
  } else {
    audit.pending.set(key, { event, count: 1, first: now, last: now });
  }
  if (!audit.hooked) {
    audit.hooked = true;
    // A server stopped by a signal awaits flushRuntimeAudit itself (bin/server.mjs).
    process.once('beforeExit', () => void flushRuntimeAudit());
  }
  if (audit.pending.size >= MAX_PENDING) void flushRuntimeAudit();
  else if (!audit.timer) {
    audit.timer = setTimeout(() => void flushRuntimeAudit(), FLUSH_DELAY_MS);
    audit.timer.unref();
  }
}
