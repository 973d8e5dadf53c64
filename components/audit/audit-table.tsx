import type { AuditEvent } from '@/lib/db/schema';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { auditSentence } from '@/lib/audit/audit-sentence';
import { OUTCOME_LABEL, OUTCOME_TONE } from './audit-labels';

/** The full trail: one sentence per event, newest first, readable without expanding anything. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">When</th>
            <th scope="col" className="px-4 py-2">What happened</th>
            <th scope="col" className="px-4 py-2">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id} data-testid="audit-row" className="align-top">
              <td className="whitespace-nowrap px-4 py-2 text-xs text-slate-500">
                <RelativeTime at={event.at} />
              </td>
              <td className="px-4 py-2 text-slate-900">{auditSentence(event)}</td>
              <td className="px-4 py-2">
                <Badge tone={OUTCOME_TONE[event.outcome]}>{OUTCOME_LABEL[event.outcome]}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
