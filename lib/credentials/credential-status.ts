import { fieldsFor, KIND_REGISTRY, type Kind } from '@/lib/connections/kinds';
import type { CredentialRow, EnvironmentRow } from '@/lib/db/schema';

export const DISPLAY_STATUSES = ['not configured', 'missing credentials', 'connected', 'expired', 'error'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

type StatusRow = Pick<CredentialRow, 'status' | 'tokenExpiresAt' | 'hasRefreshToken'>;

/**
 * What the console shows: the SPEC §4 statuses (which the API, the CLI and the filters keep using),
 * with `connected` split in two. Credentials that no token or verification request has accepted yet
 * are `set, not verified`; `connected` means the provider said yes at least once since they were set.
 */
export type ConsoleStatus = DisplayStatus | 'set, not verified' | 'needs review';

type ConsoleStatusRow = StatusRow & Pick<CredentialRow, 'lastSuccessAt' | 'settingsVersion'>;

/**
 * Also `needs review`: working credentials an owner set before the environment's auth settings last
 * changed (as `needsReview` in credential-view.ts; a member connection's client registration is no one's to review).
 */
export function consoleStatus(
  env: Pick<EnvironmentRow, 'kind' | 'type' | 'settingsVersion'> | undefined,
  team: ConsoleStatusRow | undefined,
  own: ConsoleStatusRow | undefined,
  now = Date.now(),
): ConsoleStatus {
  const status = displayStatus(env, team, own, now);
  if (status !== 'connected' || !env) return status;
  const owned = statusRow(env, team, own);
  if (owned && !(env.type === 'member' && owned === team) && owned.settingsVersion < env.settingsVersion) return 'needs review';
  const grant = KIND_REGISTRY[env.kind].grant;
  // Nothing to verify without credentials; consented tokens come from a successful token request.
  if (grant === 'direct_access' || grant === 'authorization_code') return status;
  const row = statusRow(env, team, own);
  return row && row.lastSuccessAt == null ? 'set, not verified' : status;
}

/** The row whose status a viewer sees: the team's, or on member connections their own when they need one. */
function statusRow<T>(env: Pick<EnvironmentRow, 'kind' | 'type'>, team: T | undefined, own: T | undefined): T | undefined {
  return env.type === 'team' ? team : memberNeedsOwnCredentials(env.kind) ? own : (own ?? team);
}

/** Whether each member needs a credential row of their own (fields to set or a consent to give). */
export function memberNeedsOwnCredentials(kind: Kind): boolean {
  return fieldsFor(kind, 'member', 'member').length > 0 || KIND_REGISTRY[kind].grant === 'authorization_code';
}

/**
 * The status one viewer sees for one environment: team connections show the team's credentials,
 * member connections the viewer's own (plus, for OAuth, the builder's client registration).
 */
export function displayStatus(
  env: Pick<EnvironmentRow, 'kind' | 'type'> | undefined,
  team: StatusRow | undefined,
  own: StatusRow | undefined,
  now = Date.now(),
): DisplayStatus {
  if (!env) return 'not configured';
  const kind = env.kind;
  const def = KIND_REGISTRY[kind];
  if (def.grant === 'implicit') return 'error';
  if (def.grant === 'direct_access') return 'connected';
  if (env.type === 'member' && def.grant !== null && !team) return 'missing credentials';
  const row = statusRow(env, team, own);
  if (!row) return 'missing credentials';
  if (row.status === 'missing') return 'missing credentials';
  if (row.status === 'error') return 'error';
  if (row.status === 'expired') return 'expired';
  if (def.grant === 'authorization_code' && row.tokenExpiresAt !== null && row.tokenExpiresAt <= now && !row.hasRefreshToken) {
    return 'expired';
  }
  return 'connected';
}

/** One stored credential row's own status, in the words the console shows. */
export function rowDisplayStatus(status: CredentialRow['status']): DisplayStatus {
  return status === 'missing' ? 'missing credentials' : status;
}
