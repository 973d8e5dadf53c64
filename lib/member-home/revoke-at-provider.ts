import 'server-only';
import * as oauth from 'oauth4webapi';
import type { OAuthClientConfig } from '@/lib/oauth/client-config';
import { discoverProvider } from '@/lib/oauth/discovery';
import { assertOutboundUrl, OUTBOUND_OAUTH_OPTIONS } from '@/lib/oauth/outbound';

export type RevocationOutcome = 'revoked' | 'not_supported' | 'failed';

/**
 * RFC 7009 revocation of a member's token, when the provider publishes a revocation endpoint.
 * The refresh token is revoked when there is one (which ends the whole grant at most providers),
 * otherwise the access token. Never throws: disconnecting still deletes the stored tokens.
 */
export async function revokeAtProvider(cfg: OAuthClientConfig, tokens: { access_token: string; refresh_token?: string }): Promise<RevocationOutcome> {
  try {
    const metadata = cfg.tokenUrl ? await discoverProvider(cfg.tokenUrl) : null;
    if (!metadata?.revocation_endpoint) return 'not_supported';
    assertOutboundUrl(metadata.revocation_endpoint, 'revocation_endpoint');
    const client: oauth.Client = { client_id: cfg.clientId };
    const auth = !cfg.clientSecret ? oauth.None() : cfg.sendVia === 'body' ? oauth.ClientSecretPost(cfg.clientSecret) : oauth.ClientSecretBasic(cfg.clientSecret);
    const token = tokens.refresh_token ?? tokens.access_token;
    const response = await oauth.revocationRequest(metadata, client, auth, token, {
      additionalParameters: { token_type_hint: tokens.refresh_token ? 'refresh_token' : 'access_token' },
      ...OUTBOUND_OAUTH_OPTIONS,
    });
    await oauth.processRevocationResponse(response);
    return 'revoked';
  } catch {
    return 'failed';
  }
}
