import { importHandler } from '@/lib/api/handlers/import-export';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const POST = nextApiRoute(importHandler);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
