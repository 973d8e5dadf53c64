import { forceRefreshHandler } from '@/lib/api/handlers/health';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const POST = nextApiRoute(forceRefreshHandler);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
