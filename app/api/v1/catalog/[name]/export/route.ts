import { catalogExportHandler } from '@/lib/api/handlers/catalog';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const GET = nextApiRoute(catalogExportHandler);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
