import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpServer, type McpServer } from '@/e2e/fixtures/mcp-server';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { createFromAnyTemplate } from '@/lib/catalog/create-from-template';
import { templateInputSchema } from '@/lib/catalog/template-document';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { openSecrets } from '@/lib/credentials/credential-secrets';
import { getConnection } from '@/lib/connections/get-connection';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { startAuthorization } from './authorization-code';
import { loadClientConfig } from './client-config';
import { discoverIssuer } from './discover-issuer';
import { setUpMcpServer } from './mcp-setup';

// Real oidc-provider instances on 127.0.0.1: one with dynamic registration and resource
// indicators behind a loopback MCP resource server, and the tests' usual provider for discovery.
let mcp: McpServer;
let closedRegistration: McpServer;
let provider: OAuthServer;
beforeAll(async () => {
  [mcp, closedRegistration, provider] = await Promise.all([startMcpServer(), startMcpServer({ dynamicRegistration: false }), startOAuthServer({ redirectUri: 'http://localhost:3000/api/oauth/callback' })]);
});
afterAll(async () => {
  await Promise.all([mcp.close(), closedRegistration.close(), provider.close()]);
});

describe('Fill from issuer URL', () => {
  it('reads the OpenID metadata: URLs, scopes and the auth method', async () => {
    const metadata = await discoverIssuer(provider.issuer);
    expect(metadata).toMatchObject({ issuer: provider.issuer, authorization_url: `${provider.issuer}/auth`, token_url: `${provider.issuer}/token`, send_via: 'header', pkce_s256: true });
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'offline_access', 'files.read']));
    expect(metadata.token_endpoint_auth_methods).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
  });

  it('says clearly when there is no metadata, and refuses a metadata address', async () => {
    await expect(discoverIssuer(`${mcp.serverUrl.replace('/mcp', '')}/nothing-here`)).rejects.toThrow(/No OpenID Connect or OAuth 2.0 metadata was found/);
    await expect(discoverIssuer('http://169.254.169.254/')).rejects.toThrow(/link-local or metadata/);
  });
});

describe('MCP server setup', () => {
  it('finds the authorization server from the protected resource metadata and registers a client dynamically', async () => {
    const before = mcp.registrations.length;
    const result = await setUpMcpServer({ serverUrl: mcp.serverUrl, clientName: 'test client' });
    expect(result).toMatchObject({ resource: mcp.serverUrl, scopes: ['mcp:tools'], dynamicallyRegistered: true });
    expect(result.metadata).toMatchObject({ issuer: mcp.issuer, token_url: `${mcp.issuer}/token`, authorization_url: `${mcp.issuer}/auth` });
    expect(result.clientId).toBeTruthy();
    expect(result.clientSecret).toBeTruthy();
    const registration = mcp.registrations.slice(before);
    expect(registration).toHaveLength(1);
    expect(registration[0].body).toMatchObject({ redirect_uris: ['http://localhost:3000/api/oauth/callback'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] });
  });

  it('uses a given client ID without registering, and asks for one when the server cannot register', async () => {
    const before = mcp.registrations.length;
    const given = await setUpMcpServer({ serverUrl: mcp.serverUrl, clientId: 'pre-registered', clientName: 'x' });
    expect(given).toMatchObject({ clientId: 'pre-registered', dynamicallyRegistered: false });
    expect(mcp.registrations.length).toBe(before);
    await expect(setUpMcpServer({ serverUrl: closedRegistration.serverUrl, clientName: 'x' })).rejects.toMatchObject({ fields: { 'registration.client_id': expect.any(String) } });
    await expect(setUpMcpServer({ serverUrl: `${provider.issuer}/not-mcp`, clientName: 'x' })).rejects.toThrow(/protected resource metadata/);
  });

  it('creates an MCP connection whose consent sends PKCE and the resource indicator', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId('mcp');
    const result = await createFromAnyTemplate(admin, templateInputSchema.parse({ template: 'mcp_server', app_id: appId, mcp: { server_url: mcp.serverUrl } }));
    expect(result).toMatchObject({ appId, registrationSaved: true, dynamicallyRegistered: true });
    const env = (await getConnection(appId)).environments.draft!;
    expect(env).toMatchObject({ kind: 'oauth_auth_code_flow', type: 'member', serverUrl: mcp.serverUrl });
    const team = (await findCredentialRow(env.id, 'team'))!;
    expect(openSecrets(team).client_secret).toBeTruthy();
    const cfg = await loadClientConfig(appId, 'draft', admin.id);
    expect(cfg.tokenEntries).toEqual([{ location: 'body', key: 'resource', value: mcp.serverUrl }]);
    expect(cfg.scope).toBe('mcp:tools');
    const location = new URL(await startAuthorization(admin, { appId, env: 'draft', forTeam: false, returnTo: 'connection' }));
    expect(location.origin + location.pathname).toBe(`${mcp.issuer}/auth`);
    expect(location.searchParams.get('resource')).toBe(mcp.serverUrl);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('client_id')).toBe(cfg.clientId);
    // The provider accepts this authorization request (it answers with its login interaction, not an error).
    const answer = await fetch(location, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toMatch(/^\/interaction\//);
  });
});
