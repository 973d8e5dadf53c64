import { deleteConnectionHandler, getConnectionHandler, replaceConnectionHandler } from '@/lib/api/handlers/connections';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const GET = nextApiRoute(getConnectionHandler);
export const PUT = nextApiRoute(replaceConnectionHandler);
export const DELETE = nextApiRoute(deleteConnectionHandler);
export const { POST, PATCH, OPTIONS } = otherMethods('GET', 'PUT', 'DELETE');
