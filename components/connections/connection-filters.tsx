import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';
import { CONNECTION_TYPES, KIND_REGISTRY, KINDS } from '@/lib/connections/kinds';
import { DISPLAY_STATUSES } from '@/lib/credentials/credential-status';
import { hasFilters, type ConnectionFilters } from '@/lib/member-home/home-filters';

const TYPE_LABELS = { team: 'Shared by the team', member: 'Each member their own' } as const;

/** A plain GET form: the filters live in the URL, so a filtered list can be shared and needs no script. */
export function ConnectionFiltersForm({ values }: { values: ConnectionFilters }) {
  return (
    <form role="search" aria-label="Filter connections" action="/connections" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="q" className="mb-1 block text-sm font-medium text-slate-800">Search</label>
        <Input id="q" name="q" type="search" defaultValue={values.q} maxLength={100} placeholder="App ID or name" />
      </div>
      <div>
        <label htmlFor="filter-status" className="mb-1 block text-sm font-medium text-slate-800">Status</label>
        <Select id="filter-status" name="status" defaultValue={values.status ?? ''}>
          <option value="">Any status</option>
          {DISPLAY_STATUSES.map((s) => <option key={s} value={s}>{s[0].toUpperCase() + s.slice(1)}</option>)}
        </Select>
      </div>
      <div>
        <label htmlFor="filter-kind" className="mb-1 block text-sm font-medium text-slate-800">Kind</label>
        <Select id="filter-kind" name="kind" defaultValue={values.kind ?? ''}>
          <option value="">Any kind</option>
          {KINDS.map((k) => <option key={k} value={k}>{KIND_REGISTRY[k].label}</option>)}
        </Select>
      </div>
      <div>
        <label htmlFor="filter-type" className="mb-1 block text-sm font-medium text-slate-800">Type</label>
        <Select id="filter-type" name="type" defaultValue={values.type ?? ''}>
          <option value="">Any type</option>
          {CONNECTION_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
        </Select>
      </div>
      <button type="submit" className={buttonClass({ variant: 'secondary' })}>Apply</button>
      {hasFilters(values) && <Link href="/connections" className="py-2 text-sm text-brand-700 hover:underline">Clear filters</Link>}
    </form>
  );
}
