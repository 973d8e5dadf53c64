import { env } from '@/lib/env';

/**
 * The header `bin/server.mjs` sets from the TCP socket on every request, overwriting whatever a
 * client sent under that name, so it can be trusted where `x-forwarded-for` cannot.
 */
export const CLIENT_IP_HEADER = 'x-cm-client-ip';

type HeaderSource = { get(name: string): string | null | undefined };

/**
 * The caller's address for per-IP limits. Behind a reverse proxy every caller shares the proxy's
 * address; with `TRUST_PROXY=1` the right-most `x-forwarded-for` entry (the one the proxy added) is used.
 */
export function clientIp(headers: HeaderSource): string {
  if (env().TRUST_PROXY) {
    const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1];
  }
  return headers.get(CLIENT_IP_HEADER) || 'unknown';
}
