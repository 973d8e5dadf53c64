import { Badge } from '@/components/ui/badge';
import type { ImportPlan } from '@/lib/import-export/plan-import';

export function ImportPlanTable({ plan }: { plan: ImportPlan }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">App ID</th>
            <th scope="col" className="py-2 pr-4">Change</th>
            <th scope="col" className="py-2 pr-4">Draft</th>
            <th scope="col" className="py-2 pr-4">Live</th>
            <th scope="col" className="py-2">Credentials removed</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {plan.steps.map((step) => (
            <tr key={step.app_id} data-testid="import-plan-row">
              <td className="py-2 pr-4 font-medium text-slate-900">{step.app_id}</td>
              <td className="py-2 pr-4"><Badge tone={step.action === 'create' ? 'green' : 'amber'}>{step.action}</Badge></td>
              {(['draft', 'live'] as const).map((env) => (
                <td key={env} className="py-2 pr-4 text-slate-700">{step.environments[env] ? `${step.environments[env]!.kind} · ${step.environments[env]!.type}` : '—'}</td>
              ))}
              <td className="py-2 text-slate-700">{step.credentials_removed || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
