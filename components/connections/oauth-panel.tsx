import { Alert } from '@/components/ui/alert';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { KIND_REGISTRY, type EnvName } from '@/lib/connections/kinds';
import { rowDisplayStatus } from '@/lib/credentials/credential-status';
import type { CredentialView } from '@/lib/credentials/credential-view';
import type { EnvironmentRow } from '@/lib/db/schema';
import { redirectUri } from '@/lib/oauth/authorization-code';
import { ScopeComparison } from './scope-comparison';
import { OAuthChecklist } from './oauth-checklist';
import { OAuthTestButton } from './oauth-test-button';
import { StatusBadge } from './status-badge';

function TokenState({ view, requested }: { view: CredentialView | null; requested: string | null }) {
  if (!view?.hasAccessToken) return <p className="text-sm text-slate-600">No token yet.</p>;
  const expires = view.tokenExpiresAt ? <RelativeTime at={view.tokenExpiresAt} /> : 'the provider gave no expiry';
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="text-slate-500">Token</dt>
      <dd>{view.status ? <StatusBadge status={rowDisplayStatus(view.status)} /> : '—'}</dd>
      <dt className="text-slate-500">Expires</dt><dd>{expires}{view.hasRefreshToken ? ' · refreshed automatically' : ''}</dd>
      <dt className="text-slate-500">Granted scopes</dt>
      <dd className="break-all">{requested === null ? <span className="font-mono text-xs">{view.grantedScopes || '—'}</span> : <ScopeComparison requested={requested} granted={view.grantedScopes} />}</dd>
    </dl>
  );
}

/**
 * OAuth on the connection page: the redirect URI to register, Connect / Reconnect for the
 * authorization code flow, Test for the token grants, and the token's state (never the token).
 */
type Props = { appId: string; env: EnvName; row: EnvironmentRow; view: CredentialView | null; isAdmin: boolean; registrationSet: boolean; requestedScopes: string | null };

export function OAuthPanel({ appId, env, row, view, isAdmin, registrationSet, requestedScopes }: Props) {
  const grant = KIND_REGISTRY[row.kind].grant;
  if (!grant || grant === 'implicit' || grant === 'direct_access') return null;
  const team = row.type === 'team';
  if (team && !isAdmin) return null;
  const consent = grant === 'authorization_code';
  const connectHref = team ? `/api/oauth/${encodeURIComponent(appId)}/${env}/authorize?for=team` : `/connections/${encodeURIComponent(appId)}/connect?env=${env}`;
  return (
    <Card title="OAuth" description={team ? 'The team’s token, shared by everyone.' : 'Your own token for this connection.'}>
      <div className="space-y-4">
        <TokenState view={view} requested={requestedScopes} />
        {/* Token grants show the last failure in the Test result's place: one alert, not two. */}
        {consent && view?.statusMessage && (view.status === 'expired' || view.status === 'error') && (
          <Alert tone={view.status === 'error' ? 'error' : 'warning'} title={consent ? 'Reconnect needed' : 'The last token request failed'}>{view.statusMessage}</Alert>
        )}
        <OAuthChecklist
          storageKey={`redirect-uri-copied:${appId}:${env}`}
          consent={consent}
          redirectUri={redirectUri()}
          registrationSet={registrationSet}
          isAdmin={isAdmin}
          registrationHref={`#${env}-team-credentials`}
          actionLabel={consent ? (view?.hasAccessToken ? 'Reconnect' : 'Connect') : 'Test'}
          action={
            consent ? (
              team ? (
                // A plain link: the authorize route answers with a redirect to the provider, not a page.
                <a href={connectHref} className={buttonClass()}>{view?.hasAccessToken ? 'Reconnect' : 'Connect'}</a>
              ) : (
                <ButtonLink href={connectHref}>{view?.hasAccessToken ? 'Reconnect' : 'Connect'}</ButtonLink>
              )
            ) : (
              <OAuthTestButton
                appId={appId}
                env={env}
                needsSubjectToken={grant === 'token_exchange' || grant === 'on_behalf_of'}
                lastError={view?.statusMessage && (view.status === 'expired' || view.status === 'error') ? view.statusMessage : undefined}
              />
            )
          }
        />
      </div>
    </Card>
  );
}
