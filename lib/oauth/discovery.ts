import 'server-only';
import * as oauth from 'oauth4webapi';
import { OUTBOUND_OAUTH_OPTIONS } from './outbound';

type Metadata = oauth.AuthorizationServer | null;
const cache = new Map<string, { at: number; metadata: Metadata }>();
const TTL_MS = 10 * 60_000;

/**
 * The provider's published metadata, when its issuer is the token URL's origin and it lists that
 * token endpoint: used to check the `iss` response parameter (RFC 9207) when it is advertised.
 * Providers without discovery simply get no metadata.
 */
export async function discoverProvider(tokenUrl: string): Promise<Metadata> {
  const issuer = new URL(new URL(tokenUrl).origin);
  const cached = cache.get(issuer.href);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.metadata;
  let metadata: Metadata = null;
  for (const algorithm of ['oauth2', 'oidc'] as const) {
    try {
      const response = await oauth.discoveryRequest(issuer, { ...OUTBOUND_OAUTH_OPTIONS, algorithm });
      const found = await oauth.processDiscoveryResponse(issuer, response);
      if (found.token_endpoint === tokenUrl) metadata = found;
      break;
    } catch {
      // Not published there (or not for this issuer): try the other well-known path.
    }
  }
  cache.set(issuer.href, { at: Date.now(), metadata });
  return metadata;
}
