import 'server-only';
import { decryptJson, encryptJson } from '@/lib/crypto/secret-box';

/**
 * The result of a consent, carried back to the console page in the query string. A failure's
 * message is sealed, so a crafted link (`?oauth=error&message=Your session expired, sign in at …`)
 * cannot put words of its own on a console page.
 */
export type OAuthOutcome = { ok: true } | { ok: false; message: string };
export type OAuthOutcomeQuery = { oauth?: string; message?: string };
export type OAuthOutcomeView = { tone: 'success' } | { tone: 'error'; message: string } | null;

const CONTEXT = 'oauth-outcome:v1';
const MAX_AGE_MS = 60 * 60_000;
const GENERIC = 'The provider did not grant access.';

/** `path` with `oauth=connected`, or `oauth=error&message=<sealed>`. */
export function withOAuthOutcome(path: string, outcome: OAuthOutcome): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.set('oauth', outcome.ok ? 'connected' : 'error');
  if (!outcome.ok) url.searchParams.set('message', encryptJson({ m: outcome.message.slice(0, 300), at: Date.now() }, CONTEXT));
  return `${url.pathname}${url.search}`;
}

export function readOAuthOutcome(query: OAuthOutcomeQuery): OAuthOutcomeView {
  if (query.oauth === 'connected') return { tone: 'success' };
  if (query.oauth !== 'error') return null;
  return { tone: 'error', message: openMessage(query.message) ?? GENERIC };
}

function openMessage(sealed: string | undefined): string | undefined {
  if (!sealed) return undefined;
  try {
    const { m, at } = decryptJson<{ m: string; at: number }>(sealed, CONTEXT);
    return typeof m === 'string' && Date.now() - at < MAX_AGE_MS ? m : undefined;
  } catch {
    return undefined;
  }
}
