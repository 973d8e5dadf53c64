import 'server-only';
import * as oauth from 'oauth4webapi';
import { AppError, badInput } from '@/lib/errors';
import { assertOutboundUrl, OUTBOUND_OAUTH_OPTIONS } from './outbound';

/** What "Fill from issuer URL" fills in: public metadata only. */
export type IssuerMetadata = {
  issuer: string;
  authorization_url: string | null;
  token_url: string;
  scopes_supported: string[];
  token_endpoint_auth_methods: string[];
  /** header (client_secret_basic) when supported, else body (client_secret_post) when supported. */
  send_via: 'header' | 'body' | null;
  registration_endpoint: string | null;
  pkce_s256: boolean;
};

/**
 * The authorization server metadata of an issuer: OpenID Connect discovery first, then RFC 8414,
 * through the outbound guard (allowlist, metadata addresses refused, timeout, no redirects).
 */
export async function fetchAuthorizationServer(issuerUrl: string, field = 'issuer'): Promise<oauth.AuthorizationServer> {
  const issuer = assertOutboundUrl(issuerUrl, field);
  const failures: string[] = [];
  for (const algorithm of ['oidc', 'oauth2'] as const) {
    try {
      const response = await oauth.discoveryRequest(issuer, { ...OUTBOUND_OAUTH_OPTIONS, algorithm });
      return await oauth.processDiscoveryResponse(issuer, response);
    } catch (e) {
      if (e instanceof AppError && e.code !== 'provider_failed') throw e;
      failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  throw new AppError('provider_failed', `No OpenID Connect or OAuth 2.0 metadata was found for ${issuer.href} (${failures.at(-1)}). Check the issuer URL, or fill the URLs by hand.`, {
    [field]: 'No metadata found at this issuer.',
  });
}

export function toIssuerMetadata(as: oauth.AuthorizationServer): IssuerMetadata {
  if (!as.token_endpoint) throw badInput('The provider’s metadata names no token endpoint.');
  const methods = as.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  return {
    issuer: as.issuer,
    authorization_url: as.authorization_endpoint ?? null,
    token_url: as.token_endpoint,
    scopes_supported: (as.scopes_supported ?? []).slice(0, 100),
    token_endpoint_auth_methods: methods,
    send_via: methods.includes('client_secret_basic') ? 'header' : methods.includes('client_secret_post') ? 'body' : null,
    registration_endpoint: as.registration_endpoint ?? null,
    pkce_s256: (as.code_challenge_methods_supported ?? []).includes('S256'),
  };
}

export async function discoverIssuer(issuerUrl: string): Promise<IssuerMetadata> {
  return toIssuerMetadata(await fetchAuthorizationServer(issuerUrl));
}
