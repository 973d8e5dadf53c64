import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { fieldsFor, isOAuthKind, KIND_REGISTRY, type EnvName } from '@/lib/connections/kinds';
import { needsReview, type EnvironmentCredentialsView, type OwnerSummary } from '@/lib/credentials/credential-view';
import type { EnvironmentRow } from '@/lib/db/schema';
import type { CredentialHealth } from '@/lib/health/credential-health';
import { CredentialForm } from './credential-form';
import { CredentialHealthLine } from './credential-health';
import { VerifyCredentialsButton } from './verify-credentials-button';
import { OwnersTable } from './owners-table';
import { ScopesFromSettings } from './scopes-from-settings';

function updatedLine(view: { updatedAt: number | null; updatedBy: string | null }) {
  if (!view.updatedAt) return undefined;
  return <>Last set <RelativeTime at={view.updatedAt} />{view.updatedBy ? ` by ${view.updatedBy}` : ''}.</>;
}

/** Team credentials (admins), the client registration and each member's own credentials. */
export function CredentialsSection({ appId, env, row, view, owners, isAdmin }: { appId: string; env: EnvName; row: EnvironmentRow; view: EnvironmentCredentialsView; owners: OwnerSummary[] | null; isAdmin: boolean }) {
  const kind = row.kind;
  const def = KIND_REGISTRY[kind];
  const parameters = row.authSettings?.parameters ?? [];
  if (def.deprecated) return <Alert tone="warning" title="This flow never runs">{def.deprecated}</Alert>;
  if (def.grant === 'direct_access') {
    return <Card title="Credentials"><p className="text-sm text-slate-700">Nothing to set: each member’s own sign-in token is passed through to the application.</p></Card>;
  }
  // One place for scopes: when the auth settings define them, the registration's Scope field is not asked.
  const settingsScopes = row.authSettings?.scopes;
  const scopesFromSettings = settingsScopes && settingsScopes.items.length > 0 ? settingsScopes : null;
  const teamFields = fieldsFor(kind, row.type, 'team').filter((f) => !(scopesFromSettings && f.input === 'scope'));
  const ownFields = fieldsFor(kind, row.type, 'member');
  const registration = row.type === 'member' && isOAuthKind(kind);
  const verification = row.authSettings?.verification;
  const verify = (set: boolean) => (verification && set && ['basic', 'bearer', 'api_key'].includes(kind) ? <div className="mt-4 border-t border-slate-100 pt-4"><VerifyCredentialsButton appId={appId} env={env} request={`${verification.method} ${verification.path}`} /></div> : null);
  const now = Date.now();
  const healthOf = (health: CredentialHealth | null) => (health ? <CredentialHealthLine health={health} now={now} /> : null);
  const review = row.type === 'member' ? needsReview(row, 'self', view.own?.settingsVersion) : isAdmin && needsReview(row, 'team', view.team?.settingsVersion);
  return (
    <div className="space-y-6">
      {review && (
        <Alert tone="warning" title="Review these credentials">
          An admin changed the auth settings after {row.type === 'member' ? 'you set your credentials' : 'the team credentials were set'}. They keep working; check them on the{' '}
          <Link href={`/connections/${appId}/connect?env=${env}`} className="font-medium underline">connect page</Link> and save again.
        </Alert>
      )}
      {row.type === 'team' && !isAdmin && (
        <Card title="Team credentials">
          <p className="text-sm text-slate-700">One set of credentials is shared by the whole team and managed by admins.</p>
        </Card>
      )}
      {view.team && isAdmin && teamFields.length > 0 && (
        <Card
          id={`${env}-team-credentials`}
          title={registration ? 'Client registration (shared by all members)' : 'Team credentials'}
          description={registration ? 'Set once by admins; each member then connects with their own account.' : updatedLine(view.team)}
        >
          {scopesFromSettings && <ScopesFromSettings appId={appId} env={env} scopes={scopesFromSettings} />}
          <CredentialForm appId={appId} env={env} kind={kind} fields={teamFields} parameters={registration ? [] : parameters} view={view.team} owner="team" submitLabel={registration ? 'Save client registration' : 'Save team credentials'} idPrefix={`${env}-team`} />
          {row.type === 'team' && verify(Boolean(view.team.updatedAt))}
          {row.type === 'team' && view.team.updatedAt ? healthOf(view.team.health) : null}
        </Card>
      )}
      {view.own && (ownFields.length > 0 || parameters.length > 0) && (
        <Card id={`${env}-own-credentials`} title="Your credentials" description={updatedLine(view.own) ?? 'Only you can see and change these; other members set their own.'}>
          <CredentialForm appId={appId} env={env} kind={kind} fields={ownFields} parameters={parameters} view={view.own} owner="self" submitLabel="Save my credentials" idPrefix={`${env}-own`} />
          {verify(Boolean(view.own.updatedAt))}
          {view.own.updatedAt ? healthOf(view.own.health) : null}
        </Card>
      )}
      {owners && row.type === 'member' && (
        <Card title="Members’ credentials" description="Who has set up this connection. Values are never shown.">
          <OwnersTable owners={owners.filter((o) => o.ownerKey !== 'team')} />
        </Card>
      )}
    </div>
  );
}
