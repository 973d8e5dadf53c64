import { NextResponse, type NextRequest } from 'next/server';
import { RETURN_PATH_HEADER } from '@/lib/security/return-path';
import { contentSecurityPolicy, createNonce, hasBypassHeader, needsNoStore, STATIC_SECURITY_HEADERS, transportSecurityHeaders } from '@/lib/security/security-headers';

/**
 * Security headers on every answer and a per-request CSP nonce. Authorization is not done here:
 * every page, action and route checks the session itself, so a request that skipped this proxy
 * would gain nothing; bypass headers are refused anyway so nobody relies on that.
 */
export function proxy(request: NextRequest) {
  if (hasBypassHeader(request.headers)) {
    return new NextResponse('Refused: internal Next.js headers are not accepted from clients.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...STATIC_SECURITY_HEADERS },
    });
  }
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === 'development',
    https: (process.env.APP_URL ?? '').startsWith('https://'),
  });
  // Next takes the nonce for its own scripts from the request's CSP header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  // Set here, never taken from the client: where a signed-out visitor returns after signing in.
  requestHeaders.set(RETURN_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries({ ...STATIC_SECURITY_HEADERS, ...transportSecurityHeaders(process.env.APP_URL) })) response.headers.set(name, value);
  // OAuth redirects carry codes and states in their URLs: never let them leak as a referrer (RFC 9700).
  if (request.nextUrl.pathname.startsWith('/api/oauth/')) response.headers.set('referrer-policy', 'no-referrer');
  if (needsNoStore(request.nextUrl.pathname)) response.headers.set('cache-control', 'no-store');
  return response;
}

export const config = {
  // Static build assets carry no state and need no nonce.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
