import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { resetEnvForTests } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { ProviderError, requestToken, type TokenCall } from './token-endpoint';

// Every request here goes to a real oidc-provider on 127.0.0.1, which records what it received.
let provider: OAuthServer;
beforeAll(async () => {
  provider = await startOAuthServer({ redirectUri: 'http://localhost:3000/api/oauth/callback' });
});
afterAll(() => provider.close());
afterEach(() => {
  provider.failTokenRequests(null);
  delete process.env.OUTBOUND_TIMEOUT_MS;
  resetEnvForTests();
});

function call(client: 'basic' | 'post', overrides: Partial<TokenCall> = {}): TokenCall {
  return {
    tokenUrl: provider.tokenUrl(),
    clientId: provider.clients[client].clientId,
    clientSecret: provider.clients[client].clientSecret,
    tokenEntries: [],
    contentType: 'application/x-www-form-urlencoded',
    responseTokenKey: 'access_token',
    ...overrides,
  };
}

/** Sends one client-credentials request and returns what the provider received (all attempts). */
async function send(tokenCall: TokenCall, params: Record<string, string> = { scope: 'api' }) {
  const before = provider.tokenRequests.length;
  const tokens = await requestToken(tokenCall, 'client_credentials', params);
  return { tokens, received: provider.tokenRequests.slice(before) };
}

/** client_secret_basic: both parts form-encoded (RFC 6749 §2.3.1), then base64. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic (.+)$/.exec(header ?? '');
  if (!match) return undefined;
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  const decode = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '));
  return { clientId: decode(id), clientSecret: decode(secret) };
}

describe('client authentication', () => {
  it('send_via header: client_secret_basic, and no secret in the body', async () => {
    const { tokens, received } = await send(call('basic', { sendVia: 'header' }));
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.scope).toBe('api');
    expect(received).toHaveLength(1);
    expect(basicCredentials(received[0].headers.authorization)).toEqual(provider.clients.basic);
    expect(received[0].body.client_secret).toBeUndefined();
  });

  it('send_via body: client_secret_post, and no Authorization header', async () => {
    const { tokens, received } = await send(call('post', { sendVia: 'body' }));
    expect(tokens.accessToken).toBeTruthy();
    expect(received).toHaveLength(1);
    expect(received[0].headers.authorization).toBeUndefined();
    expect(received[0].body).toMatchObject({ client_id: provider.clients.post.clientId, client_secret: provider.clients.post.clientSecret });
  });

  it('send_via empty: header first, then the body when the provider rejects the client', async () => {
    // oidc-provider itself accepts either method, so the fixture answers 401 invalid_client to any
    // request that authenticates in the header; the body attempt is then processed for real.
    provider.failTokenRequests('reject_basic');
    const { tokens, received } = await send(call('post'));
    expect(tokens.accessToken).toBeTruthy();
    expect(received).toHaveLength(2);
    expect(received[0].headers.authorization).toMatch(/^Basic /);
    expect(received[0].body.client_secret).toBeUndefined();
    expect(received[1].headers.authorization).toBeUndefined();
    expect(received[1].body.client_secret).toBe(provider.clients.post.clientSecret);
  });

  it('send_via empty with a client the provider accepts in the header: one request only', async () => {
    const { received } = await send(call('basic'));
    expect(received).toHaveLength(1);
    expect(basicCredentials(received[0].headers.authorization)).toEqual(provider.clients.basic);
  });

  it('send_via header is not retried in the body when the provider rejects it', async () => {
    provider.failTokenRequests('reject_basic');
    const before = provider.tokenRequests.length;
    await expect(requestToken(call('post', { sendVia: 'header' }), 'client_credentials', {})).rejects.toMatchObject({ code: 'provider_failed', oauthError: 'invalid_client' });
    expect(provider.tokenRequests.length - before).toBe(1);
  });
});

describe('token_entries, content type and response_token_key', () => {
  it('puts each token entry where its location says', async () => {
    const { received } = await send(
      call('basic', {
        sendVia: 'header',
        tokenEntries: [
          { location: 'header', key: 'X-Tenant', value: 'contoso' },
          { location: 'body', key: 'tenant_hint', value: 'contoso-body' },
          { location: 'query', key: 'api-version', value: '2024-01' },
        ],
      }),
    );
    const [request] = received;
    expect(request.headers['x-tenant']).toBe('contoso');
    expect(request.body.tenant_hint).toBe('contoso-body');
    expect(request.query['api-version']).toBe('2024-01');
    // Each only where it belongs.
    expect(request.body['X-Tenant'] ?? request.query['X-Tenant']).toBeUndefined();
    expect(request.query.tenant_hint ?? request.headers.tenant_hint).toBeUndefined();
    expect(request.body['api-version'] ?? request.headers['api-version']).toBeUndefined();
  });

  it('sends a JSON body when token_request.content_type is application/json', async () => {
    const { tokens, received } = await send(call('post', { sendVia: 'body', contentType: 'application/json' }));
    expect(tokens.accessToken).toBeTruthy();
    expect(received[0].headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(received[0].rawBody)).toMatchObject({ grant_type: 'client_credentials', client_id: provider.clients.post.clientId, scope: 'api' });
  });

  it('finds the token at response_token_key in a non-standard answer', async () => {
    provider.failTokenRequests('nonstandard'); // answers { data: { token, ttl } }
    const before = Date.now();
    const { tokens } = await send(call('basic', { sendVia: 'header', responseTokenKey: 'data.token' }));
    expect(tokens.accessToken).toMatch(/^ns-at-/);
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3_599_000);
  });

  it('refuses a non-standard answer without response_token_key, and a key that is not there', async () => {
    provider.failTokenRequests('nonstandard');
    await expect(send(call('basic', { sendVia: 'header' }))).rejects.toBeInstanceOf(ProviderError);
    await expect(send(call('basic', { sendVia: 'header', responseTokenKey: 'data.missing' }))).rejects.toThrow(/no token at "data.missing"/);
  });
});

describe('a token endpoint that fails gives a clear provider_failed error', () => {
  it.each([
    ['status500', /status 500|without JSON/],
    ['html', /without JSON/],
    ['status429', /slow_down/],
    ['invalid_grant', /invalid_grant/],
  ] as const)('%s', async (mode, message) => {
    provider.failTokenRequests(mode);
    const e = await send(call('basic', { sendVia: 'header' })).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('provider_failed');
    expect((e as AppError).message).toMatch(message);
    expect((e as AppError).message).not.toContain(provider.clients.basic.clientSecret);
  });

  it('a token endpoint that never answers: the timeout fires', async () => {
    process.env.OUTBOUND_TIMEOUT_MS = '400';
    resetEnvForTests();
    provider.failTokenRequests('hang');
    await expect(send(call('basic', { sendVia: 'header' }))).rejects.toThrow(/did not answer within/);
  });
});
