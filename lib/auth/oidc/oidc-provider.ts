import 'server-only';
import type { Account, Profile, User } from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { findUserByEmail } from '@/lib/users/users';
import { createUserFromIdentityProvider } from './oidc-users';
import { oidcSettings, roleFromClaims } from './oidc-settings';
import { storeSignInTokens } from './sign-in-tokens';

export const OIDC_PROVIDER_ID = 'oidc';

type Claims = Profile & { groups?: unknown };

/** The Auth.js provider for OIDC_ISSUER, or nothing when it is not configured. */
export function oidcProviders(): OIDCConfig<Claims>[] {
  const settings = oidcSettings();
  if (!settings) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: settings.name,
      type: 'oidc',
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authorization: { params: { scope: 'openid email profile offline_access groups', prompt: 'consent' } },
      checks: ['pkce', 'state', 'nonce'],
      profile: (claims) => ({ id: String(claims.sub), email: claims.email?.toLowerCase() ?? null, name: claims.name ?? null }),
    },
  ];
}

/**
 * Auth.js signIn callback for the identity provider: the account is matched by its (verified)
 * email; unknown emails become members (or admins, by group) only with OIDC_ALLOW_SIGNUP=1.
 */
export async function allowOidcSignIn(account: Account | null | undefined, profile: Claims | undefined): Promise<boolean | string> {
  if (account?.provider !== OIDC_PROVIDER_ID) return true;
  const settings = oidcSettings();
  const email = profile?.email?.toLowerCase();
  if (!settings || !email || profile?.email_verified === false) return '/login?error=OidcNoEmail';
  if (await findUserByEmail(email)) return true;
  if (!settings.allowSignup) {
    await recordAuditEvent({ actor: null, action: 'user.oidc_refused', targetType: 'user', target: email, outcome: 'denied' });
    return '/login?error=OidcNoAccount';
  }
  await createUserFromIdentityProvider(email, profile?.name ?? null, roleFromClaims(profile as Record<string, unknown>, settings.adminGroup));
  return true;
}

/** Auth.js jwt callback on an identity-provider sign-in: the console user id, and the tokens kept encrypted. */
export async function completeOidcSignIn(user: User | undefined, account: Account | null): Promise<string | undefined> {
  if (account?.provider !== OIDC_PROVIDER_ID || !user?.email) return undefined;
  const local = await findUserByEmail(user.email);
  if (!local) return undefined;
  if (account.access_token) {
    await storeSignInTokens(local.id, { access_token: account.access_token, refresh_token: account.refresh_token, id_token: account.id_token }, account.expires_at ? account.expires_at * 1000 : null);
  }
  await recordAuditEvent({ actor: { id: local.id, email: local.email, role: local.role, via: 'session' }, action: 'user.oidc_sign_in', targetType: 'user', target: local.email });
  return local.id;
}
