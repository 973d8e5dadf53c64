import { otherMethods } from '@/lib/api/method-not-allowed';
import { nextApiRoute } from '@/lib/api/next-route';
import { runtimeCredentialsHandler } from '@/lib/runtime/runtime-credentials-handler';

// bin/server.mjs answers bearer-key calls of this route itself (lib/runtime/fast-path.ts) with the
// same handler; this route serves session callers and `next start`/`next dev`.
export const dynamic = 'force-dynamic';
export const GET = nextApiRoute(runtimeCredentialsHandler);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
