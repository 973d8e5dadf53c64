import 'server-only';
import { getSqlite } from '@/lib/db/client';
import { metrics } from '@/lib/health/metrics';
import { outboundFetch, outboundTimeoutMs } from '@/lib/oauth/outbound';
import { openWebhookSecret } from './endpoints';
import { onWebhookEnqueued } from './outbox';
import { SIGNATURE_HEADER, signWebhook } from './signature';

/**
 * Delivers the outbox (webhook_deliveries) from the server process. A delivery is claimed with a
 * compare-and-set on `locked_until`, so several processes on one database never send it twice at
 * once, and a process killed mid-delivery leaves a claim that simply runs out: the next worker
 * sends it again (receivers dedupe on the body's `id`). Retries wait 1 s, 3 s, 10 s, 30 s, 2 min,
 * 5 min, 15 min, 30 min, 1 h: 10 tries, then the delivery is `failed`.
 */
export const RETRY_DELAYS_MS = [1_000, 3_000, 10_000, 30_000, 120_000, 300_000, 900_000, 1_800_000, 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const POLL_MS = 1_000;
const BATCH = 20;

type Due = { id: string; endpoint_id: string; body: string; attempts: number; url: string; secret: string };

function claimDue(now: number): Due[] {
  const sqlite = getSqlite();
  const due = sqlite
    .prepare(
      `select d.id, d.endpoint_id, d.body, d.attempts, e.url, e.secret from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
       where d.status = 'pending' and d.next_attempt_at <= ? and (d.locked_until is null or d.locked_until < ?) order by d.next_attempt_at limit ?`,
    )
    .all(now, now, BATCH) as Due[];
  const claim = sqlite.prepare(`update webhook_deliveries set locked_until = ? where id = ? and status = 'pending' and (locked_until is null or locked_until < ?)`);
  const until = now + outboundTimeoutMs() + 5_000;
  return due.filter((d) => claim.run(until, d.id, now).changes === 1);
}

function finish(d: Due, outcome: { ok: boolean; status?: number; error?: string }) {
  const attempts = d.attempts + 1;
  const now = Date.now();
  const sqlite = getSqlite();
  if (outcome.ok) {
    sqlite.prepare(`update webhook_deliveries set status = 'delivered', attempts = ?, delivered_at = ?, locked_until = null, last_status_code = ?, last_error = null where id = ?`).run(attempts, now, outcome.status ?? null, d.id);
    metrics().webhookDeliveries.inc({ outcome: 'delivered' });
    return;
  }
  const failed = attempts >= MAX_ATTEMPTS;
  sqlite
    .prepare(`update webhook_deliveries set status = ?, attempts = ?, next_attempt_at = ?, locked_until = null, last_status_code = ?, last_error = ? where id = ?`)
    .run(failed ? 'failed' : 'pending', attempts, now + (RETRY_DELAYS_MS[attempts - 1] ?? 0), outcome.status ?? null, (outcome.error ?? '').slice(0, 300), d.id);
  metrics().webhookDeliveries.inc({ outcome: failed ? 'failed' : 'retry' });
}

export async function deliverOne(d: Due): Promise<void> {
  try {
    const secret = openWebhookSecret(d.endpoint_id, d.secret);
    const response = await outboundFetch(d.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'connections-manager-webhooks', [SIGNATURE_HEADER]: signWebhook(secret, d.body) },
      body: d.body,
    });
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    finish(d, { ok, status: response.status, error: ok ? undefined : `The endpoint answered ${response.status}.` });
  } catch (e) {
    finish(d, { ok: false, error: e instanceof Error ? e.message : 'Delivery failed.' });
  }
}

/** One pass over what is due now; returns how many deliveries were attempted. */
export async function deliverDueWebhooks(): Promise<number> {
  const due = claimDue(Date.now());
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
      console.error('[webhooks] delivery pass failed:', e instanceof Error ? e.message : 'unknown error');
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
