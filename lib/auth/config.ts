import 'server-only';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { burnPasswordCheck, verifyPassword } from '@/lib/crypto/passwords';
import { env } from '@/lib/env';
import { clientIp } from '@/lib/security/client-ip';
import { recordFailedSignIn, recordSuccessfulSignIn, signInBlocked } from '@/lib/security/sign-in-throttle';
import { signInSchema } from '@/lib/users/user-schemas';
import { findUserByEmail } from '@/lib/users/users';
import { authSecret } from './auth-secret';
import { allowOidcSignIn, completeOidcSignIn, OIDC_PROVIDER_ID, oidcProviders } from './oidc/oidc-provider';

export const { handlers, auth, signIn, signOut } = NextAuth({
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
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const ip = clientIp(request.headers);
        if (signInBlocked(parsed.data.email, ip) !== null) return null;
        const user = findUserByEmail(parsed.data.email);
        if (!user?.passwordHash) {
          await burnPasswordCheck(parsed.data.password);
          recordFailedSignIn(parsed.data.email, ip);
          return null;
        }
        if (!(await verifyPassword(parsed.data.password, user.passwordHash))) {
          recordFailedSignIn(parsed.data.email, ip);
          return null;
        }
        recordSuccessfulSignIn(parsed.data.email);
        return { id: user.id, email: user.email, name: user.name ?? user.email };
      },
    }),
    ...oidcProviders(),
  ],
  callbacks: {
    signIn: ({ account, profile }) => allowOidcSignIn(account, profile),
    jwt({ token, user, account }) {
      if (account?.provider === OIDC_PROVIDER_ID) token.uid = completeOidcSignIn(user, account);
      else if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
});
