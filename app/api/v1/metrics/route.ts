import { fromWebRequest } from '@/lib/api/api-request';
import { errorResponse, toWebResponse } from '@/lib/api/api-response';
import { metricsHandler } from '@/lib/api/handlers/health';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { currentActor } from '@/lib/auth/session';

// Not through nextApiRoute: the METRICS_TOKEN is a bearer that is not an API key.
export const dynamic = 'force-dynamic';
export const GET = async (request: Request): Promise<Response> => toWebResponse(await metricsHandler(fromWebRequest(request), currentActor).catch(errorResponse));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
