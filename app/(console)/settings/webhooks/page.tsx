import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { CreateWebhookForm } from '@/components/webhooks/create-webhook-form';
import { WebhookEndpointCard } from '@/components/webhooks/webhook-endpoint-card';
import { requirePageUser } from '@/lib/auth/session';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/lib/webhooks/endpoints';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') notFound();
  const endpoints = await Promise.all((await listWebhookEndpoints(user)).map(async (endpoint) => ({ endpoint, deliveries: await listWebhookDeliveries(user, endpoint.id, 20) })));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Credential events are POSTed as JSON, signed with X-Connections-Signature: t=<unix>,v1=<HMAC-SHA256 of “t.body”>. Failed deliveries are retried for about two hours (10 tries)."
      />
      <Card title="Add an endpoint" className="mb-6">
        <CreateWebhookForm />
      </Card>
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet">Add one to hear about failed refreshes, recoveries and members who must reconnect before a tool fails.</EmptyState>
      ) : (
        <div className="space-y-6">
          {endpoints.map(({ endpoint, deliveries }) => (
            <WebhookEndpointCard key={endpoint.id} endpoint={endpoint} deliveries={deliveries} />
          ))}
        </div>
      )}
    </>
  );
}
