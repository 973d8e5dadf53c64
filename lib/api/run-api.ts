import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { errorResponse, type ApiResponse } from './api-response';
import type { ApiRequest } from './api-request';
import { authenticateRequest, refuseCredentialInQuery, type SessionLookup } from './authenticate-request';

export type ApiHandler<P> = (context: { actor: Actor; request: ApiRequest; params: P }) => Promise<ApiResponse> | ApiResponse;
export type PublicApiHandler<P> = (context: { request: ApiRequest; params: P }) => Promise<ApiResponse> | ApiResponse;

/** Authenticates, runs the handler, and maps any error once to the SPEC §6 error shape. */
export async function runApi<P>(request: ApiRequest, params: P, session: SessionLookup, handler: ApiHandler<P>): Promise<ApiResponse> {
  try {
    const actor = await authenticateRequest(request, session);
    return await handler({ actor, request, params });
  } catch (e) {
    return errorResponse(e);
  }
}

export async function runPublicApi<P>(request: ApiRequest, params: P, handler: PublicApiHandler<P>): Promise<ApiResponse> {
  try {
    refuseCredentialInQuery(request.url);
    return await handler({ request, params });
  } catch (e) {
    return errorResponse(e);
  }
}
