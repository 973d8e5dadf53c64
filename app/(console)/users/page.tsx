import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { InviteUserForm } from '@/components/users/invite-user-form';
import { UserRowActions } from '@/components/users/user-row-actions';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/users';
import { listUsersWithoutPassword } from '@/lib/accounts/list-pending-invitations';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  const [users, invited] = await Promise.all([listUsers(), listUsersWithoutPassword()]);
  return (
    <>
      <PageHeader title="Users" description="Admins configure connections; members set their own credentials for member connections." />
      <Card title="Invite a user" description="They get a link, valid for 7 days and usable once, where they choose their own password." className="mb-6"><InviteUserForm /></Card>
      <Card title={`${users.length} user${users.length === 1 ? '' : 's'}`}>
        <ul className="divide-y divide-slate-100">
          {users.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{u.email}{u.id === user.id && <span className="text-slate-500"> (you)</span>}</p>
                {u.name && <p className="text-sm text-slate-500">{u.name}</p>}
                {invited.has(u.id) && <p className="text-sm text-amber-700">Invited: has not chosen a password yet</p>}
              </div>
              <div className="flex items-center gap-3">
                <Badge tone={u.role === 'admin' ? 'blue' : 'neutral'}>{u.role}</Badge>
                {u.id !== user.id && <UserRowActions userId={u.id} email={u.email} role={u.role} invited={invited.has(u.id)} />}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
