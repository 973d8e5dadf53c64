import Link from 'next/link';
import { signOutAction } from '@/app/(console)/session-actions';
import { Badge } from '@/components/ui/badge';
import { NavLink } from './nav-link';

export function ConsoleNav({ email, role }: { email: string; role: 'admin' | 'member' }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/connections" className="flex items-center gap-2 font-semibold text-slate-900">
          <span className="inline-block size-3 rounded-sm bg-brand-600" aria-hidden />
          Connections Manager
        </Link>
        <nav aria-label="Main" className="order-last -mx-1 flex w-full gap-1 overflow-x-auto text-sm sm:order-none sm:mx-0 sm:w-auto sm:flex-1">
          <NavLink href="/connections">Connections</NavLink>
          {role === 'admin' && <NavLink href="/users">Users</NavLink>}
          {role === 'admin' && <NavLink href="/settings/api-keys">API keys</NavLink>}
          {role === 'admin' && <NavLink href="/settings/webhooks">Webhooks</NavLink>}
          {role === 'admin' && <NavLink href="/settings/connect-links">Connect links</NavLink>}
          {role === 'admin' && <NavLink href="/audit">Audit log</NavLink>}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm sm:ml-0">
          <span className="hidden text-slate-600 sm:inline" data-testid="signed-in-as">{email}</span>
          <Badge tone={role === 'admin' ? 'blue' : 'neutral'}>{role}</Badge>
          <Link href="/account" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">Account</Link>
          <form action={signOutAction}>
            <button type="submit" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">Sign out</button>
          </form>
        </div>
      </div>
    </header>
  );
}
