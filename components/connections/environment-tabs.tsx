import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { ConsoleStatus } from '@/lib/credentials/credential-status';
import { ENVIRONMENTS, type EnvName } from '@/lib/connections/kinds';
import { StatusBadge } from './status-badge';

export function EnvironmentTabs({ appId, current, statuses, basePath = `/connections/${appId}` }: { appId: string; current: EnvName; statuses: Record<EnvName, ConsoleStatus>; basePath?: string }) {
  return (
    <nav aria-label="Environments" className="mb-6 flex gap-1 border-b border-slate-200">
      {ENVIRONMENTS.map((env) => (
        <Link
          key={env}
          href={`${basePath}?env=${env}`}
          aria-current={env === current ? 'page' : undefined}
          className={cn(
            '-mb-px flex items-center gap-2 border-b-2 px-4 py-2 text-sm font-medium',
            env === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
          )}
        >
          {env === 'draft' ? 'Draft' : 'Live'}
          <StatusBadge status={statuses[env]} />
        </Link>
      ))}
    </nav>
  );
}
