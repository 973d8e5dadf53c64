/**
 * Requested vs granted scopes after a consent or a token request, with the difference marked:
 * a requested scope the provider did not grant, and a granted scope nobody asked for.
 */
export function ScopeComparison({ requested, granted }: { requested: string; granted: string | null }) {
  const split = (text: string | null) => (text ?? '').split(/[\s,]+/).filter(Boolean);
  const asked = split(requested);
  const got = split(granted);
  // A provider that reports no scope granted what was asked (RFC 6749 §5.1).
  const effective = granted === null || got.length === 0 ? asked : got;
  const missing = asked.filter((s) => !effective.includes(s));
  const extra = effective.filter((s) => !asked.includes(s));
  const chip = (scope: string, tone: 'same' | 'missing' | 'extra') => (
    <span key={`${tone}-${scope}`} className={`rounded px-1.5 py-0.5 font-mono text-xs ${tone === 'missing' ? 'bg-red-50 text-red-800 line-through ring-1 ring-red-200' : tone === 'extra' ? 'bg-amber-50 text-amber-900 ring-1 ring-amber-200' : 'bg-slate-100 text-slate-800'}`}>
      {scope}
      <span className="sr-only">{tone === 'missing' ? ' (requested, not granted)' : tone === 'extra' ? ' (granted, not requested)' : ''}</span>
    </span>
  );
  // Separated by spaces, so the text reads as the scope list it is.
  const chips = [...asked.filter((s) => effective.includes(s)).map((s) => chip(s, 'same')), ...missing.map((s) => chip(s, 'missing')), ...extra.map((s) => chip(s, 'extra'))];
  return (
    <div className="space-y-1">
      <p className="leading-6">
        {chips.length ? chips.flatMap((c, i) => (i ? [' ', c] : [c])) : <span className="text-slate-500">—</span>}
      </p>
      {(missing.length > 0 || extra.length > 0) && (
        <p className="text-xs text-slate-600" role="status">
          {missing.length > 0 && <>Requested but not granted: {missing.join(', ')}. </>}
          {extra.length > 0 && <>Granted without being requested: {extra.join(', ')}.</>}
        </p>
      )}
    </div>
  );
}
