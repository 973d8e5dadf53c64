/**
 * Provider errors mapped to a likely cause and the fix, in one sentence pair appended to the
 * message the console shows (one alert, not two). Pure: used by the token endpoint, the consent
 * callback and the outbound guard.
 */

export type OAuthErrorContext = {
  /** The redirect URI this console sent (consent flows). */
  redirectUri?: string;
  /** The scopes that were requested, as sent. */
  scope?: string;
  /** How the client secret was sent; undefined with a secret means both ways were tried. */
  sendVia?: 'header' | 'body';
  hasSecret?: boolean;
  /** The provider's error_description, to name the scope it refused when it says so. */
  description?: string;
};

export type Explanation = { cause: string; fix: string };

function refusedScope(context: OAuthErrorContext): string | undefined {
  const requested = (context.scope ?? '').split(/[\s,]+/).filter(Boolean);
  const text = context.description ?? '';
  return requested.find((s) => text.includes(s));
}

export function explainOAuthError(code: string, context: OAuthErrorContext = {}): Explanation | undefined {
  switch (code) {
    case 'invalid_client': {
      const via =
        context.sendVia === 'header'
          ? ' It was sent in the Authorization header: if the ID and secret are right, set "Send client credentials via" to body.'
          : context.sendVia === 'body'
            ? ' It was sent in the request body: if the ID and secret are right, set "Send client credentials via" to header.'
            : context.hasSecret
              ? ' Both the header and the body were tried.'
              : ' No client secret is set: most providers need one.';
      return { cause: 'The provider does not recognize the client ID or secret.', fix: `Check both in the client registration (a secret may have expired or been rotated).${via}` };
    }
    case 'invalid_scope': {
      const scope = refusedScope(context);
      return {
        cause: scope ? `The provider refused the scope "${scope}".` : `The provider refused a requested scope (requested: ${context.scope || 'none'}).`,
        fix: 'Remove or correct it in the auth settings (or the registration’s Scopes field), or enable it for the app at the provider.',
      };
    }
    case 'redirect_uri_mismatch':
      return {
        cause: 'The redirect URI is not registered for this app at the provider.',
        fix: `Register exactly ${context.redirectUri ?? 'the redirect URI shown on the connection page'} in the app’s settings, then connect again.`,
      };
    case 'unauthorized_client':
      return { cause: 'The app is not allowed to use this grant type.', fix: 'Enable the grant (authorization code, client credentials or refresh token) for the app at the provider, or pick the kind the app allows.' };
    case 'access_denied':
      return { cause: 'Consent was declined, or a policy at the provider blocked the app.', fix: 'Connect again and approve; if it keeps happening, ask the provider’s admin to allow the app.' };
    case 'invalid_grant':
      return { cause: 'The authorization code or refresh token is no longer valid (used, expired or revoked).', fix: 'Connect again.' };
    case 'invalid_request':
      if (/redirect_uri/i.test(context.description ?? '')) return explainOAuthError('redirect_uri_mismatch', context);
      if (/grant.type.*not allowed|not allowed.*grant/i.test(context.description ?? '')) return explainOAuthError('unauthorized_client', context);
      return { cause: 'The provider found the request malformed.', fix: 'Check the token URL, the auth entries and the token request settings (JSON body or form) against the provider’s documentation.' };
    case 'unsupported_grant_type':
      return { cause: 'The provider does not support this grant at that URL.', fix: 'Check the token URL and the connection’s kind.' };
    case 'server_error':
    case 'temporarily_unavailable':
      return { cause: 'The provider had a problem of its own.', fix: 'Try again in a few minutes.' };
    case 'timeout':
      return { cause: 'The provider did not answer in time.', fix: 'Check the URL and that the provider is reachable from this server (OUTBOUND_TIMEOUT_MS sets the limit).' };
    case 'html':
      return { cause: 'A web page came back instead of an OAuth answer: usually a wrong token URL, a login page or a proxy.', fix: 'Check the token URL against the provider’s documentation.' };
    default:
      return undefined;
  }
}

/** `message` plus "Likely cause: … Fix: …" when the code is known. */
export function withExplanation(message: string, code: string, context: OAuthErrorContext = {}): string {
  const explanation = explainOAuthError(code, context);
  return explanation ? `${message} Likely cause: ${explanation.cause} Fix: ${explanation.fix}` : message;
}
