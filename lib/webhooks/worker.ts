import 'server-only';
import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { claimRows } from '@/lib/db/locking';
import { webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import { metrics } from '@/lib/health/metrics';
import { outboundFetch, outboundTimeoutMs } from '@/lib/oauth/outbound';
import { openWebhookSecret } from './endpoints';
import { onWebhookEnqueued } from './outbox';
import { SIGNATURE_HEADER, signWebhook } from './signature';
import { databaseErrorMessage } from '@/lib/db/errors';

/**
 * Delivers the outbox (webhook_deliveries) from every server process on the database. Due rows are
 * claimed in a short transaction (lib/db/locking.ts: `FOR UPDATE SKIP LOCKED` on PostgreSQL, one
 * write transaction on SQLite) that sets `locked_until` with a compare-and-set, so several processes
 * never send one delivery twice at once, and a process killed mid-delivery leaves a claim that simply
 * runs out: the next worker sends it again (receivers dedupe on the body's `id`). Retries wait 1 s,
 * 3 s, 10 s, 30 s, 2 min, 5 min, 15 min, 30 min, 1 h: 10 tries, then the delivery is `failed`.
 */
export const RETRY_DELAYS_MS = [1_000, 3_000, 10_000, 30_000, 120_000, 300_000, 900_000, 1_800_000, 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const POLL_MS = 1_000;
const BATCH = 20;

type Due = { id: string; endpointId: string; body: string; attempts: number; url: string; secret: string };

/** Unclaimed, or claimed by a worker whose claim has run out. */
const unclaimed = (now: number) => or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now));

async function claimDue(now: number): Promise<Due[]> {
  const until = now + outboundTimeoutMs() + 5_000;
  return claimRows(
    webhookDeliveries,
    (tx) =>
      tx
        .select({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, body: webhookDeliveries.body, attempts: webhookDeliveries.attempts, url: webhookEndpoints.url, secret: webhookEndpoints.secret })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), unclaimed(now)))
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
        .limit(BATCH),
    async (tx, due) => {
      const taken = await tx
        .update(webhookDeliveries)
        .set({ lockedUntil: until })
        .where(and(inArray(webhookDeliveries.id, due.map((d) => d.id)), eq(webhookDeliveries.status, 'pending'), unclaimed(now)))
        .returning({ id: webhookDeliveries.id });
      const ids = new Set(taken.map((t) => t.id));
      return due.filter((d) => ids.has(d.id));
    },
  );
}

async function finish(d: Due, outcome: { ok: boolean; status?: number; error?: string }) {
  const attempts = d.attempts + 1;
  const now = Date.now();
  if (outcome.ok) {
    await getDb()
      .update(webhookDeliveries)
      .set({ status: 'delivered', attempts, deliveredAt: now, lockedUntil: null, lastStatusCode: outcome.status ?? null, lastError: null })
      .where(eq(webhookDeliveries.id, d.id));
    metrics().webhookDeliveries.inc({ outcome: 'delivered' });
    return;
  }
  const failed = attempts >= MAX_ATTEMPTS;
  await getDb()
    .update(webhookDeliveries)
    .set({
      status: failed ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: now + (RETRY_DELAYS_MS[attempts - 1] ?? 0),
      lockedUntil: null,
      lastStatusCode: outcome.status ?? null,
      lastError: (outcome.error ?? '').slice(0, 300),
    })
    .where(eq(webhookDeliveries.id, d.id));
  metrics().webhookDeliveries.inc({ outcome: failed ? 'failed' : 'retry' });
}

export async function deliverOne(d: Due): Promise<void> {
  try {
    const secret = openWebhookSecret(d.endpointId, d.secret);
    const response = await outboundFetch(d.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'connections-manager-webhooks', [SIGNATURE_HEADER]: signWebhook(secret, d.body) },
      body: d.body,
    });
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    await finish(d, { ok, status: response.status, error: ok ? undefined : `The endpoint answered ${response.status}.` });
  } catch (e) {
    await finish(d, { ok: false, error: e instanceof Error ? e.message : 'Delivery failed.' });
  }
}

/** One pass over what is due now; returns how many deliveries were attempted. */
export async function deliverDueWebhooks(): Promise<number> {
  const due = await claimDue(Date.now());
  await Promise.all(due.map(deliverOne));
  return due.length;
}

type Worker = { stop: () => void };
const state = globalThis as unknown as { __webhookWorker?: Worker };

/** Starts the delivery loop in this process (bin/server.mjs); idempotent. */
export function startWebhookWorker(): Worker {
  if (state.__webhookWorker) return state.__webhookWorker;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      while ((await deliverDueWebhooks()) > 0 && !stopped);
    } catch (e) {
      console.error('[webhooks] delivery pass failed:', databaseErrorMessage(e));
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      void tick();
    }
  };
  timer = setInterval(() => void tick(), POLL_MS);
  timer.unref();
  onWebhookEnqueued(() => void tick());
  void tick();
  state.__webhookWorker = {
    stop: () => {
      stopped = true;
      if (timer) clearInterval(timer);
      state.__webhookWorker = undefined;
    },
  };
  return state.__webhookWorker;
}
