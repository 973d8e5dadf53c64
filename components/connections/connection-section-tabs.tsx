import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { EnvName } from '@/lib/connections/kinds';

export const CONNECTION_TABS = ['overview', 'credentials', 'configuration', 'auth-settings', 'members', 'activity'] as const;
export type ConnectionTab = (typeof CONNECTION_TABS)[number];

const LABELS: Record<ConnectionTab, string> = {
  overview: 'Overview',
  credentials: 'Credentials',
  configuration: 'Configuration',
  'auth-settings': 'Auth settings',
  members: 'Members',
  activity: 'Activity',
};

export function parseConnectionTab(value: string | undefined): ConnectionTab {
  return (CONNECTION_TABS as readonly string[]).includes(value ?? '') ? (value as ConnectionTab) : 'overview';
}

/** The sections of a connection page; Members and Activity are for admins. */
export function ConnectionSectionTabs({ appId, env, current, isAdmin }: { appId: string; env: EnvName; current: ConnectionTab; isAdmin: boolean }) {
  const tabs = CONNECTION_TABS.filter((t) => isAdmin || (t !== 'members' && t !== 'activity' && t !== 'auth-settings'));
  return (
    <nav aria-label="Connection sections" className="mb-6 flex flex-wrap gap-1">
      {tabs.map((tab) => (
        <Link
          key={tab}
          href={`/connections/${encodeURIComponent(appId)}?env=${env}${tab === 'overview' ? '' : `&tab=${tab}`}`}
          aria-current={tab === current ? 'page' : undefined}
          className={cn('rounded-md px-3 py-1.5 text-sm font-medium', tab === current ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-100' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900')}
        >
          {LABELS[tab]}
        </Link>
      ))}
    </nav>
  );
}
