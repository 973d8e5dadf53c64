const HOME = '/connections';
// Any fixed origin works: only whether the value stays on it matters.
const ORIGIN = 'http://console.invalid';

/**
 * Where to go after sign-in: a path on this console, never another site. Parsed as the browser and
 * Next will parse it (tabs and newlines dropped, backslashes as slashes), so `/\t/evil.example`
 * or `/\evil.example` cannot turn into a protocol-relative URL.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return HOME;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return HOME;
  }
  if (url.origin !== ORIGIN) return HOME;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') || path === '/' ? HOME : path;
}
