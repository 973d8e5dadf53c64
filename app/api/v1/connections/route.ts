import { createConnectionHandler, listConnectionsHandler } from '@/lib/api/handlers/connections';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const GET = nextApiRoute(listConnectionsHandler);
export const POST = nextApiRoute(createConnectionHandler);
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
