/**
 * Test helpers shared by the health tests: a member or team connection on the real oidc-provider
 * (e2e/fixtures/oauth-server.ts), consented over HTTP through the provider's own pages, and a
 * webhook receiver on 127.0.0.1 that checks signatures. Nothing is mocked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthServer } from '@/e2e/fixtures/oauth-server';
import type { UserActor } from '@/lib/auth/actor';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { env } from '@/lib/env';
import { completeAuthorization, startAuthorization } from '@/lib/oauth/authorization-code';
import { uniqueAppId } from '@/test/db-fixtures';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '@/lib/webhooks/signature';

export const redirectUri = () => `${env().appUrl}/api/oauth/callback`;

/** A tiny cookie jar: enough for oidc-provider's interaction cookies. */
export class CookieJar {
  private cookies = new Map<string, string>();
  async get(url: string, init: RequestInit = {}) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }
}

/** Signs in and consents on the provider's pages; returns the query sent back to the redirect URI. */
async function consent(provider: OAuthServer, authorizationUrl: string): Promise<URLSearchParams> {
  const browser = new CookieJar();
  let location = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    if (location.startsWith(redirectUri())) return new URL(location).searchParams;
    const url = new URL(location, provider.issuer).href;
    let response: Response;
    if (/\/interaction\/([^/?]+)$/.test(new URL(url).pathname)) {
      const page = await (await browser.get(url)).text();
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      const body = prompt === 'login' ? new URLSearchParams({ prompt, login: 'user-at-provider', password: 'any' }) : new URLSearchParams({ prompt: prompt ?? 'consent' });
      response = await browser.get(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    } else {
      response = await browser.get(url);
    }
    const next = response.headers.get('location');
    if (!next) throw new Error(`The provider stopped at ${url} with ${response.status}`);
    location = next;
  }
  throw new Error('Too many redirects at the provider');
}

/** An authorization-code connection (refresh tokens rotate at this provider), consented by `owner`. */
export async function connectedAuthCode(provider: OAuthServer, builder: UserActor, type: 'team' | 'member', owner: UserActor = builder): Promise<string> {
  const appId = uniqueAppId('health');
  await createConnection(builder, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'oauth_auth_code_flow', type } } }));
  const parsed = parseCredentialsInput('oauth_auth_code_flow', {
    client_id: provider.clients.basic.clientId,
    client_secret: provider.clients.basic.clientSecret,
    authorization_url: provider.authorizationUrl(),
    token_url: provider.tokenUrl(),
    scope: 'openid,offline_access,api',
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  await setCredentials(builder, appId, 'draft', parsed.data);
  const url = await startAuthorization(owner, { appId, env: 'draft', forTeam: type === 'team', returnTo: 'connection' });
  const outcome = await completeAuthorization(owner, await consent(provider, url));
  if (!outcome.includes('oauth=connected')) throw new Error(`consent failed: ${outcome}`);
  return appId;
}

export const credentialRow = async (appId: string, ownerKey: string) => (await findCredentialRow((await getEnvironment(appId, 'draft')).environment.id, ownerKey))!;

export type ReceivedWebhook = { body: string; json: { id: string; event: string; data: Record<string, unknown> }; signatureValid: boolean; status: number };

/**
 * A webhook receiver on 127.0.0.1: checks each request's signature with `secret` (set once the
 * endpoint is created) and answers with the next planned status (then 200); `hang` never answers.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const plan: (number | 'hang')[] = [];
  let secret = '';
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = plan.shift() ?? 200;
    const signature = String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? '');
    received.push({ body, json: JSON.parse(body), signatureValid: verifyWebhookSignature(secret, body, signature), status: answer === 'hang' ? 0 : answer });
    if (answer === 'hang') return;
    res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    plan,
    setSecret: (value: string) => {
      secret = value;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
