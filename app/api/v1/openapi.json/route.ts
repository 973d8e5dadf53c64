import { jsonResponse } from '@/lib/api/api-response';
import { nextPublicApiRoute } from '@/lib/api/next-route';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const GET = nextPublicApiRoute(() => jsonResponse(200, buildOpenApiDocument(env().appUrl)));
