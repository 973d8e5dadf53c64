import 'server-only';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { count } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';

/**
 * Prometheus metrics (GET /api/v1/metrics). The counters and the histogram are this process's own
 * (Prometheus scrapes each instance); the credentials by status are read from the database at each
 * scrape, so every instance reports the same shared numbers. Kept on globalThis: the Next bundle and
 * the custom server's fast path (loaded through tsx) are two module instances in one process, and
 * both must count into the same registry.
 */
type Metrics = {
  registry: Registry;
  runtimeReads: Counter<'outcome'>;
  tokenRequests: Counter<'grant' | 'outcome'>;
  refreshSeconds: Histogram<'grant'>;
  credentialsByStatus: Gauge<'status'>;
  webhookDeliveries: Counter<'outcome'>;
};

function create(): Metrics {
  const registry = new Registry();
  const credentialsByStatus = new Gauge({
    name: 'connections_credentials',
    help: 'Stored credentials by status.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await getDb().select({ status: credentials.status, n: count() }).from(credentials).groupBy(credentials.status);
      this.reset();
      for (const row of rows) this.set({ status: row.status }, row.n);
    },
  });
  return {
    registry,
    credentialsByStatus,
    runtimeReads: new Counter({ name: 'connections_runtime_reads_total', help: 'Runtime-credentials reads by outcome (success, failure, denied).', labelNames: ['outcome'] as const, registers: [registry] }),
    tokenRequests: new Counter({ name: 'connections_token_requests_total', help: 'Token requests sent to providers, by grant and outcome.', labelNames: ['grant', 'outcome'] as const, registers: [registry] }),
    refreshSeconds: new Histogram({
      name: 'connections_token_request_seconds',
      help: 'Time of token requests to providers (refresh and new tokens), by grant.',
      labelNames: ['grant'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({ name: 'connections_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome (delivered, retry, failed).', labelNames: ['outcome'] as const, registers: [registry] }),
  };
}

const state = globalThis as unknown as { __connectionsMetrics?: Metrics };
export const metrics = (): Metrics => (state.__connectionsMetrics ??= create());

export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
