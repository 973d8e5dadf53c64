import { exportHandler } from '@/lib/api/handlers/import-export';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const GET = nextApiRoute(exportHandler);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
