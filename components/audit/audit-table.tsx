import type { AuditEvent } from '@/lib/db/schema';
import { Badge } from '@/components/ui/badge';
import { formatUtc } from '@/components/ui/format-date';
import { actionLabel, describeDetail, OUTCOME_TONE } from './audit-labels';

/** The full trail: one row per event, newest first, readable without expanding anything. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">When</th>
            <th scope="col" className="px-4 py-2">Who</th>
            <th scope="col" className="px-4 py-2">What</th>
            <th scope="col" className="px-4 py-2">Object</th>
            <th scope="col" className="px-4 py-2">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id} data-testid="audit-row" className="align-top">
              <td className="whitespace-nowrap px-4 py-2 text-xs text-slate-500 tabular-nums">
                <time dateTime={new Date(event.at).toISOString()}>{formatUtc(event.at)}</time>
              </td>
              <td className="px-4 py-2 text-slate-700">{event.actorLabel}</td>
              <td className="px-4 py-2">
                <div className="font-medium text-slate-900">{actionLabel(event.action)}</div>
                <div className="font-mono text-xs text-slate-500">{event.action}</div>
                {describeDetail(event.detail) && <div className="mt-1 text-xs text-slate-600">{describeDetail(event.detail)}</div>}
              </td>
              <td className="px-4 py-2 text-slate-800">
                <span className="break-all">{event.target ?? '—'}</span>
                {event.env && <Badge className="ml-2">{event.env}</Badge>}
              </td>
              <td className="px-4 py-2">
                <Badge tone={OUTCOME_TONE[event.outcome]}>{event.outcome}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
