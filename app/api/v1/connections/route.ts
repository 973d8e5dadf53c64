import { createConnectionHandler, listConnectionsHandler } from '@/lib/api/handlers/connections';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const GET = nextApiRoute(listConnectionsHandler);
export const POST = nextApiRoute(createConnectionHandler);
