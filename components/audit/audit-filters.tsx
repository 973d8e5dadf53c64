import Link from 'next/link';
import { Input, Select } from '@/components/ui/field';
import { buttonClass } from '@/components/ui/button';
import { AUDIT_ACTION_LABELS } from './audit-labels';

export type AuditFilterValues = { q: string; action: string; outcome: string };

/** A plain GET form: filters live in the URL, so a filtered view can be shared and needs no script. */
export function AuditFilters({ values }: { values: AuditFilterValues }) {
  const actions = Object.keys(AUDIT_ACTION_LABELS);
  if (values.action && !actions.includes(values.action)) actions.push(values.action);
  return (
    <form role="search" aria-label="Filter audit events" action="/audit" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-56 flex-1">
        <label htmlFor="audit-q" className="mb-1 block text-sm font-medium text-slate-800">Search</label>
        <Input id="audit-q" name="q" type="search" defaultValue={values.q} maxLength={200} placeholder="Actor, app ID, user or action" />
      </div>
      <div>
        <label htmlFor="audit-action" className="mb-1 block text-sm font-medium text-slate-800">Action</label>
        <Select id="audit-action" name="action" defaultValue={values.action}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>{AUDIT_ACTION_LABELS[a] ?? a}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="audit-outcome" className="mb-1 block text-sm font-medium text-slate-800">Outcome</label>
        <Select id="audit-outcome" name="outcome" defaultValue={values.outcome}>
          <option value="">Any outcome</option>
          <option value="success">Done</option>
          <option value="failure">Failed</option>
          <option value="denied">Refused</option>
        </Select>
      </div>
      <button type="submit" className={buttonClass({ variant: 'secondary' })}>Apply</button>
      {(values.q || values.action || values.outcome) && (
        <Link href="/audit" className="py-2 text-sm text-brand-700 hover:underline">Clear filters</Link>
      )}
    </form>
  );
}
