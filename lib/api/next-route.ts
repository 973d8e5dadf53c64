import 'server-only';
import { currentActor } from '@/lib/auth/session';
import { fromWebRequest } from './api-request';
import { toWebResponse } from './api-response';
import { runApi, runPublicApi, type ApiHandler, type PublicApiHandler } from './run-api';

type RouteContext<P> = { params: Promise<P> };

/** Adapts a lib API handler to a Next.js route handler: the route files stay one line each. */
export function nextApiRoute<P = Record<string, never>>(handler: ApiHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const params = await context.params;
    return toWebResponse(await runApi(fromWebRequest(request), params, currentActor, handler));
  };
}

export function nextPublicApiRoute<P = Record<string, never>>(handler: PublicApiHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const params = await context.params;
    return toWebResponse(await runPublicApi(fromWebRequest(request), params, handler));
  };
}
