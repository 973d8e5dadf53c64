import 'server-only';
import { publicAuthSettings } from '@/lib/connections/environment-mapping';
import { fieldsFor, KIND_REGISTRY, type FieldDef, type Kind, type OAuthGrant } from '@/lib/connections/kinds';
import type { EnvironmentRow } from '@/lib/db/schema';
import { needsReview, type CredentialView, type EnvironmentCredentialsView } from './credential-view';

export type ConnectPlan =
  | { ready: false; reason: string }
  | {
      ready: true;
      kind: Kind;
      grant: OAuthGrant | null;
      owner: 'team' | 'self';
      fields: FieldDef[];
      settings: { scopes?: NonNullable<ReturnType<typeof publicAuthSettings>>['scopes']; parameters: NonNullable<ReturnType<typeof publicAuthSettings>>['parameters']; config_values: NonNullable<ReturnType<typeof publicAuthSettings>>['config_values'] };
      view: CredentialView;
      blocked?: string;
      /** The owner set their credentials under older auth settings and should review them. */
      needsReview: boolean;
    };

/**
 * What the connect page asks the signed-in user for one environment (SPEC §6 `connect_url`):
 * a member their own part of a member connection, an admin the team's credentials. `views` is the
 * page's `environmentCredentialsView(row, user)`, read once for the page and this plan.
 */
export function connectPlan(row: EnvironmentRow, user: { id: string; role: 'admin' | 'member' }, views: EnvironmentCredentialsView): ConnectPlan {
  const kind = row.kind;
  const def = KIND_REGISTRY[kind];
  if (def.deprecated) return { ready: false, reason: def.deprecated };
  if (def.grant === 'direct_access') return { ready: false, reason: 'Nothing to connect: your own sign-in token is passed through to the application.' };
  const owner = row.type === 'member' ? 'self' : 'team';
  if (owner === 'team' && user.role !== 'admin') {
    return { ready: false, reason: 'This connection uses one set of team credentials, managed by admins. There is nothing for you to connect.' };
  }
  const view = (owner === 'self' ? views.own : views.team) ?? views.own ?? views.team;
  const blocked = views.registrationMissing
    ? 'An admin has not set the client registration of this connection yet. Ask them to finish it, then come back.'
    : undefined;
  const auth = publicAuthSettings(row);
  return {
    ready: true,
    kind,
    grant: def.grant,
    owner,
    fields: owner === 'self' ? fieldsFor(kind, 'member', 'member') : fieldsFor(kind, 'team', 'team'),
    // Config values the builder did not mark visible never leave the server for the connect page.
    settings: { scopes: auth?.scopes, parameters: auth?.parameters ?? [], config_values: (auth?.config_values ?? []).filter((c) => c.visible) },
    view: view!,
    blocked,
    needsReview: needsReview(row, owner, view?.settingsVersion),
  };
}
