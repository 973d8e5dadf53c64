import { deleteConnectionHandler, getConnectionHandler, replaceConnectionHandler } from '@/lib/api/handlers/connections';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const GET = nextApiRoute(getConnectionHandler);
export const PUT = nextApiRoute(replaceConnectionHandler);
export const DELETE = nextApiRoute(deleteConnectionHandler);
