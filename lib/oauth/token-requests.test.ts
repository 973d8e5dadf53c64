import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { authSettingsSchema } from '@/lib/connections/auth-settings-schema';
import { setAuthSettings } from '@/lib/connections/auth-settings';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { obtainAccessToken } from './obtain-access-token';

/** Token grants against a real oidc-provider on 127.0.0.1; what it received is asserted. */

let provider: OAuthServer;
const admin = () => seedUser('admin');

beforeAll(async () => {
  process.env.OUTBOUND_TIMEOUT_MS = '1500';
  provider = await startOAuthServer({ redirectUri: 'http://localhost:3000/api/oauth/callback' });
});
afterAll(() => provider.close());
beforeEach(() => {
  provider.failTokenRequests(null);
  provider.setTokenDelayMs(0);
});

async function teamConnection(kind: string, values: Record<string, unknown>, type: 'team' | 'member' = 'team') {
  const actor = await admin();
  const appId = uniqueAppId();
  const draft: Record<string, unknown> = { kind, type };
  if (kind === 'oauth_auth_token_exchange_flow' || kind === 'oauth_auth_on_behalf_of_flow') draft.sso = true;
  if (kind === 'oauth_auth_on_behalf_of_flow') draft.idp_config = { header: { 'x-idp-tenant': 'acme' }, body: { audience: 'idp-aud' } };
  await createConnection(actor, connectionSchema.parse({ app_id: appId, environments: { draft } }));
  const parsed = parseCredentialsInput(kind as never, values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  await setCredentials(actor, appId, 'draft', parsed.data);
  return { appId, actor };
}

const since = (n: number) => provider.tokenRequests.slice(n);

describe('client authentication', () => {
  it('send_via header uses client_secret_basic', async () => {
    const c = provider.clients.basic;
    const { appId } = await teamConnection('oauth_auth_client_credentials_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl(), scope: 'api', send_via: 'header' });
    const n = provider.tokenRequests.length;
    const token = await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    expect(token.accessToken).toBe(provider.tokenResponses.at(-1)!.access_token);
    const [request] = since(n);
    expect(request.headers.authorization).toMatch(/^Basic /);
    expect(request.body.client_secret).toBeUndefined();
    expect(request.body.scope).toBe('api');
  });

  it('send_via body uses client_secret_post', async () => {
    const c = provider.clients.post;
    const { appId } = await teamConnection('oauth_auth_client_credentials_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl(), send_via: 'body' });
    const n = provider.tokenRequests.length;
    await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    const [request] = since(n);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchObject({ client_id: c.clientId, client_secret: c.clientSecret, grant_type: 'client_credentials' });
  });

  it('empty send_via tries the header first, then the body when the provider rejects the client', async () => {
    const c = provider.clients.post;
    const { appId } = await teamConnection('oauth_auth_client_credentials_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl() });
    provider.failTokenRequests('reject_basic');
    const n = provider.tokenRequests.length;
    const token = await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    const requests = since(n);
    expect(requests).toHaveLength(2);
    expect(requests[0].headers.authorization).toMatch(/^Basic /);
    expect(requests[1].headers.authorization).toBeUndefined();
    expect(requests[1].body.client_secret).toBe(c.clientSecret);
    expect(token.accessToken).toBeTruthy();
  });
});

describe('token request shape', () => {
  it('puts token_entries in the header, body or query as their location says', async () => {
    const c = provider.clients.basic;
    const { appId } = await teamConnection('oauth_auth_client_credentials_flow', {
      client_id: c.clientId,
      client_secret: c.clientSecret,
      token_url: provider.tokenUrl(),
      send_via: 'header',
      token_entries: ['header:X-Tenant-Hint=hint-1', 'body:audience=aud-1', 'query:resource_hint=res-1', 'plain=defaults-to-header'],
    });
    const n = provider.tokenRequests.length;
    await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    const [request] = since(n);
    expect(request.headers['x-tenant-hint']).toBe('hint-1');
    expect(request.headers.plain).toBe('defaults-to-header');
    expect(request.body.audience).toBe('aud-1');
    expect(request.body.resource_hint).toBeUndefined();
    expect(request.query.resource_hint).toBe('res-1');
  });

  it('sends JSON when token_request.content_type says so, and finds the token at response_token_key', async () => {
    const c = provider.clients.basic;
    const actor = await admin();
    const { appId } = await teamConnection('oauth_auth_client_credentials_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl(), send_via: 'header' });
    await setAuthSettings(actor, appId, 'draft', authSettingsSchema.parse({ token_request: { content_type: 'application/json', response_token_key: 'data.token' } }));
    provider.failTokenRequests('nonstandard');
    const n = provider.tokenRequests.length;
    const token = await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    const [request] = since(n);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request.rawBody)).toMatchObject({ grant_type: 'client_credentials' });
    const answer = provider.tokenResponses.at(-1) as { data: { token: string } };
    expect(token.accessToken).toBe(answer.data.token);
    expect(token.expiresAt).toBeGreaterThan(Date.now());
  });

  it('fills a tenant placeholder of the token URL from a parameter', async () => {
    const c = provider.clients.basic;
    const actor = await admin();
    const appId = uniqueAppId();
    await createConnection(actor, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'oauth_auth_client_credentials_flow', type: 'team' } } }));
    await setAuthSettings(actor, appId, 'draft', authSettingsSchema.parse({ parameters: [{ key: 'tenant', label: 'Tenant' }] }));
    const parsed = parseCredentialsInput('oauth_auth_client_credentials_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl('{tenant}'), send_via: 'header', parameters: { tenant: 'fabrikam' } });
    await setCredentials(actor, appId, 'draft', parsed.data!);
    const n = provider.tokenRequests.length;
    await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    expect(since(n)[0].tenant).toBe('fabrikam');
  });
});

describe('grants', () => {
  it('password grant with the owner’s username and password', async () => {
    const c = provider.clients.basic;
    const { appId } = await teamConnection('oauth_auth_password_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl(), send_via: 'header', username: provider.password.username, password: provider.password.password });
    const n = provider.tokenRequests.length;
    const token = await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
    expect(since(n)[0].body).toMatchObject({ grant_type: 'password', username: provider.password.username, password: provider.password.password });
    expect(token.accessToken).toMatch(/^pw-at-/);
  });

  it('token exchange sends the subject token (RFC 8693)', async () => {
    const c = provider.clients.basic;
    const member = await seedUser('member');
    const { appId } = await teamConnection('oauth_auth_token_exchange_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl() }, 'member');
    const n = provider.tokenRequests.length;
    const token = await obtainAccessToken({ appId, env: 'draft', ownerKey: member.id, subjectToken: 'subject-of-member' });
    expect(since(n)[0].body).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: 'subject-of-member' });
    expect(token.accessToken).toMatch(/^tx-at-/);
    await expect(obtainAccessToken({ appId, env: 'draft', ownerKey: member.id })).rejects.toThrow(/X-Subject-Token/);
  });

  it('on behalf of: the identity provider exchange, then a JWT bearer assertion (RFC 7523)', async () => {
    const c = provider.clients.basic;
    const p = provider.clients.public;
    const member = await seedUser('member');
    const { appId } = await teamConnection(
      'oauth_auth_on_behalf_of_flow',
      { idp_url: provider.tokenUrl(), idp_client_id: c.clientId, idp_client_secret: c.clientSecret, idp_scope: 'api', client_id: p.clientId, token_url: provider.tokenUrl() },
      'member',
    );
    const n = provider.tokenRequests.length;
    const token = await obtainAccessToken({ appId, env: 'draft', ownerKey: member.id, subjectToken: 'user-idp-token' });
    const [idp, app] = since(n);
    expect(idp.body).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: 'user-idp-token', audience: 'idp-aud' });
    expect(idp.headers['x-idp-tenant']).toBe('acme');
    expect(app.body.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(app.body.assertion).toBe(provider.tokenResponses.at(-2)!.access_token);
    expect(token.accessToken).toMatch(/^obo-at-/);
  });
});

describe('failures keep what was stored and say why', () => {
  for (const [mode, status, text] of [
    ['status500', 'error', 'status 500'],
    ['html', 'error', 'without JSON'],
    ['status429', 'error', 'slow_down'],
    ['hang', 'error', 'did not answer within'],
    ['invalid_grant', 'expired', 'invalid_grant'],
  ] as const) {
    it(`${mode}: status ${status}, a clear message, the stored token kept`, async () => {
      const c = provider.clients.basic;
      const { appId } = await teamConnection('oauth_auth_client_credentials_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl(), send_via: 'header' });
      const first = await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
      const { environment } = await getEnvironment(appId, 'draft');
      const before = (await findCredentialRow(environment.id, 'team'))!;
      provider.failTokenRequests(mode);
      await expect(obtainAccessToken({ appId, env: 'draft', ownerKey: 'team', forceRefresh: true })).rejects.toThrow(text);
      const after = (await findCredentialRow(environment.id, 'team'))!;
      expect(after.status).toBe(status);
      expect(after.statusMessage).toContain(text);
      expect(after.statusMessage).toMatch(status === 'expired' ? /Check the credentials/ : /Test again later/);
      expect(after.tokens).toBe(before.tokens);
      // Not forced: the token that is still valid keeps being served while the provider is unwell.
      expect((await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' })).accessToken).toBe(first.accessToken);
    });
  }

  it('many concurrent callers of an expired token cause exactly one token request', async () => {
    const c = provider.clients.basic;
    provider.setAccessTokenTtl(1);
    try {
      const { appId } = await teamConnection('oauth_auth_client_credentials_flow', { client_id: c.clientId, client_secret: c.clientSecret, token_url: provider.tokenUrl(), send_via: 'header' });
      await obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' });
      // Less than a third of the 1 s lifetime left: due for renewal.
      await new Promise((resolve) => setTimeout(resolve, 800));
      provider.setTokenDelayMs(300);
      const n = provider.tokenRequests.length;
      const tokens = await Promise.all(Array.from({ length: 200 }, () => obtainAccessToken({ appId, env: 'draft', ownerKey: 'team' })));
      expect(since(n)).toHaveLength(1);
      expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    } finally {
      provider.setAccessTokenTtl(3600);
    }
  });
});
