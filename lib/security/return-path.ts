import { safeReturnTo } from './safe-return-to';

/** Request header the proxy sets to the page being opened (path and query), for the sign-in redirect. */
export const RETURN_PATH_HEADER = 'x-console-return-path';

/** `/login`, with `returnTo` when the page is worth coming back to. */
export function signInUrl(returnPath: string | null | undefined): string {
  if (!returnPath) return '/login';
  const safe = safeReturnTo(returnPath);
  if (safe === '/connections' && returnPath !== '/connections') return '/login';
  return `/login?${new URLSearchParams({ returnTo: safe })}`;
}
