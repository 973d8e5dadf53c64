import { AppError } from '@/lib/errors';
import { errorResponse, NO_STORE_HEADERS, toWebResponse, type ApiResponse } from './api-response';

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];
type RouteHandler = (request: Request) => Response;

/** What a route serves: its methods, HEAD with GET (Next answers it from GET), and OPTIONS. */
export function allowHeader(allowed: readonly ApiMethod[]): string {
  const methods: string[] = API_METHODS.filter((m) => allowed.includes(m));
  if (allowed.includes('GET')) methods.splice(1, 0, 'HEAD');
  return [...methods, 'OPTIONS'].join(', ');
}

export function methodNotAllowedResponse(method: string, allowed: readonly ApiMethod[]): ApiResponse {
  const allow = allowHeader(allowed);
  const response = errorResponse(new AppError('method_not_allowed', `${method.slice(0, 20)} is not supported on this route. Allowed: ${allow}.`));
  return { ...response, headers: { ...response.headers, allow } };
}

/**
 * The methods a route file does not serve, each answering 405 in the API's error shape with an
 * Allow header (rather than Next's bare 405), plus an OPTIONS that lists only the real ones:
 * `export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');`
 */
export function otherMethods<A extends ApiMethod>(...allowed: A[]): Record<Exclude<ApiMethod, A> | 'OPTIONS', RouteHandler> {
  const handlers: Record<string, RouteHandler> = {};
  for (const method of API_METHODS) {
    if (!(allowed as readonly ApiMethod[]).includes(method)) handlers[method] = (request) => toWebResponse(methodNotAllowedResponse(request.method, allowed));
  }
  handlers.OPTIONS = () => new Response(null, { status: 204, headers: { ...NO_STORE_HEADERS, allow: allowHeader(allowed) } });
  return handlers as Record<Exclude<ApiMethod, A> | 'OPTIONS', RouteHandler>;
}
