import { putCredentialsHandler } from '@/lib/api/handlers/credentials';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const PUT = nextApiRoute(putCredentialsHandler);
