import { jsonResponse } from '@/lib/api/api-response';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextPublicApiRoute } from '@/lib/api/next-route';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const GET = nextPublicApiRoute(() => jsonResponse(200, buildOpenApiDocument(env().appUrl)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
