import type { AuditEvent } from '@/lib/db/schema';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { auditSentence } from '@/lib/audit/audit-sentence';
import { OUTCOME_LABEL, OUTCOME_TONE } from './audit-labels';

export function AuditList({ events }: { events: AuditEvent[]; showTarget?: boolean }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No changes recorded yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm">
      {events.map((event) => (
        <li key={event.id} data-testid="audit-item" className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
          <RelativeTime at={event.at} className="w-32 shrink-0 text-xs text-slate-500" />
          <span className="text-slate-800">{auditSentence(event)}</span>
          {event.outcome !== 'success' && <Badge tone={OUTCOME_TONE[event.outcome]}>{OUTCOME_LABEL[event.outcome]}</Badge>}
        </li>
      ))}
    </ol>
  );
}
