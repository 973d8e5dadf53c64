import 'server-only';
import { signInTokensContext } from '@/lib/crypto/sealing-contexts';
import { eq } from 'drizzle-orm';
import * as oauth from 'oauth4webapi';
import { decryptJson, encryptJson } from '@/lib/crypto/secret-box';
import { getDb } from '@/lib/db/client';
import { signInTokens } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { oidcSettings } from './oidc-settings';

export type SignInTokens = { access_token: string; refresh_token?: string; id_token?: string };

const context = signInTokensContext;
const RENEW_MARGIN_MS = 60_000;

/** Kept encrypted, bound to the user (the user id is the encryption context). */
export async function storeSignInTokens(userId: string, tokens: SignInTokens, expiresAt: number | null): Promise<void> {
  const sealed = encryptJson(tokens, context(userId));
  await getDb()
    .insert(signInTokens)
    .values({ userId, tokens: sealed, expiresAt })
    .onConflictDoUpdate({ target: signInTokens.userId, set: { tokens: sealed, expiresAt, updatedAt: Date.now() } });
}

async function renew(userId: string, refreshToken: string): Promise<string> {
  const settings = oidcSettings();
  if (!settings) throw new AppError('member_must_connect', 'Sign in to the console again with your identity provider.');
  const issuer = new URL(settings.issuer);
  const options = { [oauth.allowInsecureRequests]: issuer.protocol === 'http:' };
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
  const client = { client_id: settings.clientId };
  const response = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretPost(settings.clientSecret), refreshToken, options);
  const result = await oauth.processRefreshTokenResponse(as, client, response);
  await storeSignInTokens(userId, { access_token: result.access_token, refresh_token: result.refresh_token ?? refreshToken }, result.expires_in ? Date.now() + result.expires_in * 1000 : null);
  return result.access_token;
}

/**
 * The member's identity-provider access token from their last OIDC sign-in, renewed with its
 * refresh token when it is about to expire; undefined when they never signed in that way.
 */
export async function signInAccessToken(userId: string): Promise<string | undefined> {
  const [row] = await getDb().select().from(signInTokens).where(eq(signInTokens.userId, userId)).limit(1);
  if (!row) return undefined;
  const tokens = decryptJson<SignInTokens>(row.tokens, context(userId));
  if (row.expiresAt === null || row.expiresAt - RENEW_MARGIN_MS > Date.now()) return tokens.access_token;
  if (!tokens.refresh_token) throw new AppError('member_must_connect', 'Your sign-in with the identity provider has expired: sign in to the console again.');
  try {
    return await renew(userId, tokens.refresh_token);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('member_must_connect', 'Your sign-in with the identity provider could not be renewed: sign in to the console again.');
  }
}
