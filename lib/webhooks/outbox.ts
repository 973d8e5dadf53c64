import 'server-only';
import crypto from 'node:crypto';
import { getDb, type Db } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import type { WebhookData, WebhookEvent } from './events';

/** Wakes this process's delivery worker (if it runs here) once the enqueuing transaction is over. */
const state = globalThis as unknown as { __webhookWake?: () => void };
export function onWebhookEnqueued(wake: () => void) {
  state.__webhookWake = wake;
}

/** Asks this process's worker for a pass as soon as the current (synchronous) transaction is over. */
export function wakeWebhookWorker() {
  if (state.__webhookWake) setImmediate(state.__webhookWake);
}

export function webhookBody(id: string, event: WebhookEvent | 'test', data: WebhookData, at = Date.now()): string {
  return JSON.stringify({ id, event, occurred_at: new Date(at).toISOString(), data });
}

/**
 * Puts one delivery per subscribed endpoint into the outbox, inside the caller's transaction when
 * given: the event exists exactly when the change it reports was committed.
 */
export function enqueueWebhookEvent(event: WebhookEvent, data: WebhookData, tx: Db = getDb()): number {
  const endpoints = tx.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints).all().filter((e) => e.events.includes(event));
  const now = Date.now();
  for (const endpoint of endpoints) {
    const id = crypto.randomUUID();
    tx.insert(webhookDeliveries).values({ id, endpointId: endpoint.id, event, body: webhookBody(id, event, data, now), nextAttemptAt: now }).run();
  }
  if (endpoints.length) wakeWebhookWorker();
  return endpoints.length;
}
