import type { PublicConfigValue } from '@/lib/connections/environment-mapping';

/** Config values the builder marked visible: shown to the credential owner, password ones never in clear. */
export function ConfigValuesList({ values }: { values: PublicConfigValue[] }) {
  const visible = values.filter((c) => c.visible);
  if (!visible.length) return null;
  return (
    <section aria-label="Configuration" className="rounded-md border border-slate-200 p-4">
      <h3 className="text-sm font-medium text-slate-800">Configuration</h3>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        {visible.map((c) => (
          <div key={c.key} className="contents">
            <dt className="text-slate-500">{c.label}</dt>
            <dd className="break-all font-mono text-xs text-slate-900">{c.type === 'password' ? (c.has_value ? 'set (hidden)' : 'not set') : c.value || '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
