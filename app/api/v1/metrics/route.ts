import { fromWebRequest } from '@/lib/api/api-request';
import { errorResponse, toWebResponse } from '@/lib/api/api-response';
import { metricsHandler } from '@/lib/api/handlers/health';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { currentActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export async function GET(request: Request): Promise<Response> {
  return toWebResponse(await metricsHandler(fromWebRequest(request), currentActor).catch(errorResponse));
}
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
