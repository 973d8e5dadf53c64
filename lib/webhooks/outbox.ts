import 'server-only';
import crypto from 'node:crypto';
import { afterCommit, getDb, type Db } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import type { WebhookData, WebhookEvent } from './events';

/** Wakes this process's delivery worker (if it runs here) once the enqueuing transaction is over. */
const state = globalThis as unknown as { __webhookWake?: () => void };
export function onWebhookEnqueued(wake: () => void) {
  state.__webhookWake = wake;
}

/**
 * Asks this process's worker for a pass once the enqueuing transaction has committed (never from
 * inside it, and not at all if it rolls back); other processes find the row at their next poll.
 */
export function wakeWebhookWorker() {
  const wake = state.__webhookWake;
  if (wake) afterCommit(() => setImmediate(wake));
}

export function webhookBody(id: string, event: WebhookEvent | 'test', data: WebhookData, at = Date.now()): string {
  return JSON.stringify({ id, event, occurred_at: new Date(at).toISOString(), data });
}

/**
 * Puts one delivery per subscribed endpoint into the outbox, inside the caller's transaction when
 * given: the event exists exactly when the change it reports was committed.
 */
export async function enqueueWebhookEvent(event: WebhookEvent, data: WebhookData, tx: Db = getDb()): Promise<number> {
  const endpoints = (await tx.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints)).filter((e) => e.events.includes(event));
  const now = Date.now();
  for (const endpoint of endpoints) {
    const id = crypto.randomUUID();
    await tx.insert(webhookDeliveries).values({ id, endpointId: endpoint.id, event, body: webhookBody(id, event, data, now), nextAttemptAt: now });
  }
  if (endpoints.length) wakeWebhookWorker();
  return endpoints.length;
}
