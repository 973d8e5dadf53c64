import type { AuditEvent } from '@/lib/db/schema';
import { Badge } from '@/components/ui/badge';
import { formatUtc } from '@/components/ui/format-date';
import { describeDetail } from './audit-labels';

export function AuditList({ events, showTarget = false }: { events: AuditEvent[]; showTarget?: boolean }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No changes recorded yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
          <time dateTime={new Date(event.at).toISOString()} className="w-44 shrink-0 text-xs text-slate-500 tabular-nums">
            {formatUtc(event.at)}
          </time>
          <span className="font-medium text-slate-800">{event.action}</span>
          {showTarget && event.target && <span className="text-slate-700">{event.target}</span>}
          {event.env && <Badge>{event.env}</Badge>}
          {event.outcome === 'failure' && <Badge tone="red">failed</Badge>}
          {event.outcome === 'denied' && <Badge tone="amber">denied</Badge>}
          <span className="text-slate-600">by {event.actorLabel}</span>
          {describeDetail(event.detail) && <span className="w-full text-xs text-slate-500 sm:w-auto">{describeDetail(event.detail)}</span>}
        </li>
      ))}
    </ol>
  );
}
