/**
 * A light skeleton while the connections list renders. Scoped to this route group on purpose: under
 * a loading boundary Next streams a 200 before a page can call notFound(), and the admin-only
 * pages and unknown connections must answer 404.
 */
export default function ConnectionsLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div aria-hidden className="mb-6 space-y-2">
        <div className="h-7 w-48 rounded bg-slate-200" />
        <div className="h-4 w-80 max-w-full rounded bg-slate-100" />
      </div>
      <div aria-hidden className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        {[0, 1, 2, 3].map((i) => <div key={i} className="h-4 rounded bg-slate-100" />)}
      </div>
    </div>
  );
}
