import { signInWithOidcAction } from '@/app/(auth)/oidc-actions';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';

const ERRORS: Record<string, string> = {
  OidcNoAccount: 'There is no account for that email address here. Ask an admin to invite you.',
  OidcNoEmail: 'Your identity provider did not share a verified email address, so your account cannot be found.',
};

/** "Continue with …" above the password form, and what went wrong when the provider sent the visitor back. */
export function OidcSignIn({ name, returnTo, error }: { name: string; returnTo?: string; error?: string }) {
  return (
    <div className="mb-6 space-y-3 border-b border-slate-200 pb-6">
      {error && <Alert tone="error">{ERRORS[error] ?? 'Signing in with your identity provider did not work. Try again, or use your password.'}</Alert>}
      <form action={signInWithOidcAction}>
        <input type="hidden" name="returnTo" value={returnTo ?? ''} />
        <button type="submit" className={buttonClass({ variant: 'secondary' }, 'w-full')}>Continue with {name}</button>
      </form>
    </div>
  );
}
