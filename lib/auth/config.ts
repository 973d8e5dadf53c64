import 'server-only';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { env } from '@/lib/env';
import { clientIp } from '@/lib/security/client-ip';
import { authSecret } from './auth-secret';
import { signInWithPassword } from './password-sign-in';
import { endAllSessions, newSessionClaims, sessionIsCurrent, takeSessionReissue } from './session-version';
import { allowOidcSignIn, completeOidcSignIn, OIDC_PROVIDER_ID, oidcProviders } from './oidc/oidc-provider';

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  // HttpOnly and SameSite=Lax are Auth.js defaults; Secure (and the __Secure- prefix) follows the
  // public URL rather than the request, which is plain http behind a TLS-terminating proxy.
  useSecureCookies: env().appUrl.startsWith('https://'),
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  logger: {
    // A wrong password is routine (and throttled): one line, not a stack trace. Other errors keep
    // their cause's stack, never the request details Auth.js attaches (they may hold what was typed).
    error(error) {
      const name = (error as { type?: string }).type ?? error.name;
      if (name === 'CredentialsSignin') return console.warn('[auth] sign-in refused: wrong email or password, or throttled');
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      console.error(`[auth][error] ${name}: ${error.message}`, cause instanceof Error ? cause.stack : '');
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      // Throttled here, not only in the sign-in action: Auth.js's own callback route reaches this too.
      authorize: (raw, request) => signInWithPassword(raw, clientIp(request.headers)),
    }),
    ...oidcProviders(),
  ],
  callbacks: {
    signIn: ({ account, profile }) => allowOidcSignIn(account, profile),
    // Every auth() (pages, actions, API session callers) and every /api/auth/session passes here:
    // a session whose version is stale or whose sign-in is past the absolute lifetime is dropped.
    async jwt({ token, user, account, trigger, session }) {
      if (user?.id || account?.provider === OIDC_PROVIDER_ID) {
        const uid = account?.provider === OIDC_PROVIDER_ID ? await completeOidcSignIn(user, account) : user?.id;
        const claims = uid ? await newSessionClaims(uid) : null;
        return claims ? Object.assign(token, claims) : null;
      }
      if (trigger === 'update') {
        const version = takeSessionReissue((session as { reissue?: unknown } | undefined)?.reissue, token.uid);
        if (version !== null) token.sv = version;
      }
      return (await sessionIsCurrent(token)) ? token : null;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
  events: {
    // Signing out ends every session of the user (a copied cookie stops working too). A session
    // that is already stale cannot use this to sign the user out elsewhere.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (token && (await sessionIsCurrent(token))) await endAllSessions(token.uid as string);
    },
  },
});
