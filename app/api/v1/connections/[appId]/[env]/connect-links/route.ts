import { postConnectLinkHandler } from '@/lib/api/handlers/connect-links';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const POST = nextApiRoute(postConnectLinkHandler);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
