import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOAuthServer, type OAuthServer } from '@/e2e/fixtures/oauth-server';
import { resetEnvForTests } from '@/lib/env';
import { explainOAuthError, withExplanation } from './explain-oauth-error';
import { requestToken, type TokenCall } from './token-endpoint';

// The provider's real answers (oidc-provider on 127.0.0.1), mapped to a cause and a fix.
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

function call(overrides: Partial<TokenCall> = {}): TokenCall {
  return {
    tokenUrl: provider.tokenUrl(),
    clientId: provider.clients.basic.clientId,
    clientSecret: provider.clients.basic.clientSecret,
    tokenEntries: [],
    contentType: 'application/x-www-form-urlencoded',
    responseTokenKey: 'access_token',
    ...overrides,
  };
}

async function failure(tokenCall: TokenCall, grant = 'client_credentials', params: Record<string, string> = { scope: 'api' }): Promise<string> {
  try {
    await requestToken(tokenCall, grant, params);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the token request to fail');
}

describe('provider errors mapped to causes and fixes', () => {
  it('invalid_client: names the secret and the other send_via', async () => {
    const viaHeader = await failure(call({ clientSecret: 'wrong-secret', sendVia: 'header' }));
    expect(viaHeader).toContain('(invalid_client');
    expect(viaHeader).toContain('Likely cause: The provider does not recognize the client ID or secret.');
    expect(viaHeader).toContain('set "Send client credentials via" to body');
    const both = await failure(call({ clientSecret: 'wrong-secret' }));
    expect(both).toContain('Both the header and the body were tried.');
  });

  it('unauthorized_client: the grant is not enabled for the app', async () => {
    const message = await failure(call({ clientId: provider.clients.public.clientId, clientSecret: undefined }));
    // oidc-provider says invalid_request "requested grant type is not allowed for this client".
    expect(message).toContain('grant type is not allowed');
    expect(message).toContain('The app is not allowed to use this grant type.');
  });

  it('invalid_grant on the code exchange: connect again', async () => {
    const message = await failure(call({ sendVia: 'header' }), 'authorization_code', { code: 'made-up', redirect_uri: 'http://localhost:3000/api/oauth/callback', code_verifier: 'x'.repeat(43) });
    expect(message).toContain('(invalid_grant');
    expect(message).toContain('Fix: Connect again.');
  });

  it('an HTML answer and a timeout', async () => {
    provider.failTokenRequests('html');
    expect(await failure(call({ sendVia: 'header' }))).toContain('A web page came back instead of an OAuth answer');
    provider.failTokenRequests('hang');
    process.env.OUTBOUND_TIMEOUT_MS = '500';
    resetEnvForTests();
    const timeout = await failure(call({ sendVia: 'header' }));
    expect(timeout).toContain('did not answer within');
    expect(timeout).toContain('Likely cause: The provider did not answer in time.');
  });

  it('redirect_uri_mismatch and access_denied (consent answers) name the URI to register and what to do', () => {
    const uri = 'https://console.example.test/api/oauth/callback';
    expect(withExplanation('The provider answered redirect_uri_mismatch.', 'redirect_uri_mismatch', { redirectUri: uri })).toContain(`Register exactly ${uri}`);
    expect(explainOAuthError('invalid_request', { redirectUri: uri, description: 'redirect_uri does not match' })?.fix).toContain(uri);
    expect(explainOAuthError('access_denied')?.fix).toMatch(/approve/);
    expect(explainOAuthError('invalid_scope', { scope: 'openid files.admin' })?.cause).toBe('The provider refused a requested scope (requested: openid files.admin).');
    expect(explainOAuthError('unauthorized_client')?.fix).toMatch(/Enable the grant/);
    expect(explainOAuthError('invalid_scope', { scope: 'openid Mail.Send', description: 'AADSTS70011: The provided value for scope Mail.Send is not valid.' })?.cause).toBe('The provider refused the scope "Mail.Send".');
    expect(withExplanation('Unknown.', 'something_else')).toBe('Unknown.');
  });
});
