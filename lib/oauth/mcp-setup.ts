import 'server-only';
import * as oauth from 'oauth4webapi';
import { AppError } from '@/lib/errors';
import { redirectUri } from './authorization-code';
import { fetchAuthorizationServer, toIssuerMetadata, type IssuerMetadata } from './discover-issuer';
import { assertOutboundUrl, OUTBOUND_OAUTH_OPTIONS } from './outbound';

/** The client registration of an MCP server's authorization server, ready to save. */
export type McpRegistration = {
  metadata: IssuerMetadata;
  /** The canonical resource identifier sent as RFC 8707 `resource` on authorization and token requests. */
  resource: string;
  scopes: string[];
  clientId: string;
  clientSecret?: string;
  dynamicallyRegistered: boolean;
};

/**
 * MCP authorization (spec 2025-06-18): the server's protected resource metadata (RFC 9728) names
 * its authorization server; that server's metadata (RFC 8414 / OIDC) gives the endpoints; without
 * a client ID the client registers itself (RFC 7591). PKCE and `resource` (RFC 8707) are then
 * used by the ordinary auth-code flow through auth_entries and token_entries.
 */
export async function setUpMcpServer(input: { serverUrl: string; clientId?: string; clientSecret?: string; clientName: string }): Promise<McpRegistration> {
  const server = assertOutboundUrl(input.serverUrl, 'mcp.server_url');
  let resourceServer: oauth.ResourceServer;
  try {
    const response = await oauth.resourceDiscoveryRequest(server, OUTBOUND_OAUTH_OPTIONS);
    resourceServer = await oauth.processResourceDiscoveryResponse(server, response);
  } catch (e) {
    if (e instanceof AppError && e.code !== 'provider_failed') throw e;
    throw new AppError('provider_failed', `${server.host} publishes no OAuth protected resource metadata (RFC 9728) for ${server.href}: ${(e as Error).message}`, {
      'mcp.server_url': 'No protected resource metadata found for this URL.',
    });
  }
  const issuer = resourceServer.authorization_servers?.[0];
  if (!issuer) throw new AppError('provider_failed', 'The MCP server’s metadata names no authorization server.', { 'mcp.server_url': 'No authorization server named.' });
  const as = await fetchAuthorizationServer(issuer, 'mcp.server_url');
  const metadata = toIssuerMetadata(as);
  if (!metadata.authorization_url) throw new AppError('provider_failed', 'The authorization server has no authorization endpoint.');
  if (!metadata.pkce_s256 && as.code_challenge_methods_supported) throw new AppError('provider_failed', 'The authorization server does not support PKCE with S256, which MCP requires.');
  const scopes = resourceServer.scopes_supported ?? [];
  if (input.clientId) {
    return { metadata, resource: resourceServer.resource, scopes, clientId: input.clientId, clientSecret: input.clientSecret, dynamicallyRegistered: false };
  }
  if (!metadata.registration_endpoint) {
    throw new AppError('bad_input', 'This authorization server does not offer dynamic client registration: register a client there and give its client ID.', {
      'registration.client_id': 'Required: the server does not register clients itself.',
    });
  }
  const authMethod = metadata.send_via === 'header' ? 'client_secret_basic' : metadata.send_via === 'body' ? 'client_secret_post' : 'none';
  let client: oauth.OmitSymbolProperties<oauth.Client>;
  try {
    const response = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        client_name: input.clientName,
        redirect_uris: [redirectUri()],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: authMethod,
        ...(scopes.length ? { scope: scopes.join(' ') } : {}),
      },
      OUTBOUND_OAUTH_OPTIONS,
    );
    client = await oauth.processDynamicClientRegistrationResponse(response);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const detail = e instanceof oauth.ResponseBodyError ? `${e.error}${e.error_description ? `: ${e.error_description}` : ''}` : (e as Error).message;
    throw new AppError('provider_failed', `Dynamic client registration (RFC 7591) failed: ${detail}.`);
  }
  return {
    metadata,
    resource: resourceServer.resource,
    scopes,
    clientId: client.client_id,
    clientSecret: typeof client.client_secret === 'string' ? client.client_secret : undefined,
    dynamicallyRegistered: true,
  };
}
