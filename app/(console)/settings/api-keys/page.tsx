import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ApiKeyTable } from '@/components/api-keys/api-key-table';
import { CreateApiKeyForm } from '@/components/api-keys/create-api-key-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listApiKeys } from '@/lib/api-keys/list-api-keys';
import { requirePageUser } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/users';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  const keys = await listApiKeys(user);
  const users = (await listUsers()).map((u) => ({ id: u.id, label: `${u.email} (${u.role})` }));
  return (
    <>
      <PageHeader
        title="API keys"
        description="Programs call /api/v1 with “Authorization: Bearer <key>”. A key acts as its user, with that user’s role at the time of each call."
      />
      <Card title="Create an API key" className="mb-6">
        <CreateApiKeyForm users={users} selfId={user.id} />
      </Card>
      <Card title={`${keys.length} key${keys.length === 1 ? '' : 's'}`}>
        <ApiKeyTable keys={keys} />
      </Card>
    </>
  );
}
