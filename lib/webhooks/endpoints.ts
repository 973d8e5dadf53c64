import 'server-only';
import crypto from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { webhookSecretContext } from '@/lib/crypto/sealing-contexts';
import { decryptString, encryptString } from '@/lib/crypto/secret-box';
import { getDb, writeTransaction } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { assertOutboundUrl } from '@/lib/oauth/outbound';
import type { WebhookEndpointInput } from './events';
import { wakeWebhookWorker, webhookBody } from './outbox';
import { newWebhookSecret } from './signature';


export function openWebhookSecret(endpointId: string, sealed: string): string {
  return decryptString(sealed, webhookSecretContext(endpointId));
}

export type WebhookEndpointView = { id: string; url: string; events: string[]; createdAt: number; delivered: number; pending: number; failed: number };

/** Adds an endpoint; the signing secret is returned this once and stored sealed. */
export async function createWebhookEndpoint(actor: Actor, input: WebhookEndpointInput): Promise<{ id: string; secret: string }> {
  assertAdmin(actor, 'Only admins manage webhooks.');
  assertOutboundUrl(input.url, 'url');
  const id = crypto.randomUUID();
  const secret = newWebhookSecret();
  const sealed = encryptString(secret, webhookSecretContext(id));
  await writeTransaction(async (tx) => {
    await tx.insert(webhookEndpoints).values({ id, url: input.url, events: input.events, secret: sealed, createdBy: actor.id });
    await recordAuditEvent({ actor, action: 'webhook.create', targetType: 'system', target: new URL(input.url).host, detail: { events: input.events } }, tx);
  });
  return { id, secret };
}

export async function listWebhookEndpoints(actor: Actor): Promise<WebhookEndpointView[]> {
  assertAdmin(actor, 'Only admins manage webhooks.');
  const db = getDb();
  const counts = await db
    .select({ endpointId: webhookDeliveries.endpointId, status: webhookDeliveries.status, n: count() })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.endpointId, webhookDeliveries.status);
  const endpoints = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, events: webhookEndpoints.events, createdAt: webhookEndpoints.createdAt })
    .from(webhookEndpoints)
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
  return endpoints.map((e) => {
    const of = (status: string) => counts.find((c) => c.endpointId === e.id && c.status === status)?.n ?? 0;
    return { ...e, delivered: of('delivered'), pending: of('pending'), failed: of('failed') };
  });
}

export type DeliveryView = { id: string; event: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; createdAt: number; deliveredAt: number | null; nextAttemptAt: number };

export async function listWebhookDeliveries(actor: Actor, endpointId: string, limit = 50): Promise<DeliveryView[]> {
  assertAdmin(actor, 'Only admins manage webhooks.');
  return getDb()
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export async function deleteWebhookEndpoint(actor: Actor, id: string): Promise<void> {
  assertAdmin(actor, 'Only admins manage webhooks.');
  await writeTransaction(async (tx) => {
    const [endpoint] = await tx.select({ url: webhookEndpoints.url }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
    if (!endpoint) throw notFound('The webhook endpoint');
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAuditEvent({ actor, action: 'webhook.delete', targetType: 'system', target: new URL(endpoint.url).host }, tx);
  });
}

/** Queues a `test` delivery to one endpoint, through the same outbox and signing as real events. */
export async function sendTestWebhook(actor: Actor, id: string): Promise<void> {
  assertAdmin(actor, 'Only admins manage webhooks.');
  await writeTransaction(async (tx) => {
    const [endpoint] = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
    if (!endpoint) throw notFound('The webhook endpoint');
    const deliveryId = crypto.randomUUID();
    const body = webhookBody(deliveryId, 'test', { app_id: 'example_app', env: 'draft', owner: actor.email, kind: 'api_key', outcome: 'test' });
    await tx.insert(webhookDeliveries).values({ id: deliveryId, endpointId: id, event: 'test', body, nextAttemptAt: Date.now() });
  });
  wakeWebhookWorker();
}
