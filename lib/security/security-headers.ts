/**
 * Response headers for every page and API answer (set by proxy.ts). Pure functions, so the
 * policy itself is unit-tested and the proxy stays a thin door.
 */

/** A fresh, unguessable nonce per request: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A strict CSP: scripts run only with this request's nonce (Next reads it from the request's CSP
 * header and puts it on its own scripts), and what they load ('strict-dynamic'); no inline or eval
 * in production. Styles come from the external Tailwind file or carry the nonce.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    // React's dev overlay injects unnonced styles; production needs only the nonce.
    `style-src 'self' ${options.dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * HSTS when the console's public URL is https (then browsers never try plain http again, for a
 * year). Never on plain http: a browser ignores it there, and a wrong APP_URL must not pin https.
 */
export function transportSecurityHeaders(appUrl: string | undefined): Record<string, string> {
  return (appUrl ?? '').startsWith('https://') ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {};
}

/** Request headers no legitimate client sends: once used to skip middleware (CVE-2025-29927). */
export const BYPASS_HEADERS = ['x-middleware-subrequest', 'x-middleware-subrequest-id'] as const;

export function hasBypassHeader(headers: Headers): boolean {
  return BYPASS_HEADERS.some((name) => headers.has(name));
}

/**
 * Answers that may carry credential state are never stored by a browser or proxy: the console
 * pages (whose HTML and RSC payloads show what is set) and the API. Only the sign-in and setup
 * pages are left to Next's defaults.
 */
export function needsNoStore(pathname: string): boolean {
  return !/^\/(login|setup)(\/|$)/.test(pathname);
}
