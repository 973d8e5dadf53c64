import { putCredentialsHandler } from '@/lib/api/handlers/credentials';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const PUT = nextApiRoute(putCredentialsHandler);
export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods('PUT');
