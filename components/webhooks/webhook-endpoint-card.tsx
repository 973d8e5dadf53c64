import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatUtc } from '@/components/ui/format-date';
import type { DeliveryView, WebhookEndpointView } from '@/lib/webhooks/endpoints';
import { WebhookEndpointActions } from './webhook-endpoint-actions';

const TONES: Record<string, BadgeTone> = { delivered: 'green', pending: 'amber', failed: 'red' };

function DeliveryLog({ deliveries }: { deliveries: DeliveryView[] }) {
  if (!deliveries.length) return <p className="text-sm text-slate-600">No deliveries yet. Use “Send test event” to check the endpoint.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Delivery log">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">Event</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2 pr-4">Tries</th>
            <th scope="col" className="hidden py-2 pr-4 md:table-cell">Created</th>
            <th scope="col" className="py-2">Last answer</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="webhook-delivery-row">
              <td className="py-2 pr-4 font-mono text-xs text-slate-900">{d.event}</td>
              <td className="py-2 pr-4">
                <Badge tone={TONES[d.status] ?? 'neutral'}>{d.status}</Badge>
                {d.status === 'pending' && d.attempts > 0 && <span className="block text-xs text-slate-500">next try {formatUtc(d.nextAttemptAt)}</span>}
              </td>
              <td className="py-2 pr-4 text-slate-700">{d.attempts}</td>
              <td className="hidden py-2 pr-4 text-slate-600 md:table-cell">{formatUtc(d.createdAt)}</td>
              <td className="py-2 text-slate-600">{d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ''}{d.lastError && d.status !== 'delivered' ? <span className="block break-all text-xs text-red-700">{d.lastError}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WebhookEndpointCard({ endpoint, deliveries }: { endpoint: WebhookEndpointView; deliveries: DeliveryView[] }) {
  return (
    <Card
      title={<span className="break-all font-mono text-sm">{endpoint.url}</span>}
      description={`${endpoint.delivered} delivered · ${endpoint.pending} pending · ${endpoint.failed} failed · added ${formatUtc(endpoint.createdAt, 'minutes')}`}
      actions={<WebhookEndpointActions id={endpoint.id} url={endpoint.url} />}
    >
      <div data-testid="webhook-endpoint" className="space-y-4">
        <ul className="flex flex-wrap gap-1" aria-label="Events">
          {endpoint.events.map((e) => (
            <li key={e}><Badge tone="blue">{e}</Badge></li>
          ))}
        </ul>
        <DeliveryLog deliveries={deliveries} />
      </div>
    </Card>
  );
}
