import { importHandler } from '@/lib/api/handlers/import-export';
import { nextApiRoute } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';
export const POST = nextApiRoute(importHandler);
