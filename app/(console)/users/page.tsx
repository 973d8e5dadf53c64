import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AddUserForm } from '@/components/users/add-user-form';
import { UserRowActions } from '@/components/users/user-row-actions';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  const users = listUsers();
  return (
    <>
      <PageHeader title="Users" description="Admins configure connections; members set their own credentials for member connections." />
      <Card title="Add a user" className="mb-6"><AddUserForm /></Card>
      <Card title={`${users.length} user${users.length === 1 ? '' : 's'}`}>
        <ul className="divide-y divide-slate-100">
          {users.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{u.email}{u.id === user.id && <span className="text-slate-500"> (you)</span>}</p>
                {u.name && <p className="text-sm text-slate-500">{u.name}</p>}
              </div>
              <div className="flex items-center gap-3">
                <Badge tone={u.role === 'admin' ? 'blue' : 'neutral'}>{u.role}</Badge>
                {u.id !== user.id && <UserRowActions userId={u.id} email={u.email} role={u.role} />}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
