import 'server-only';
import { KIND_REGISTRY, type Kind } from '@/lib/connections/kinds';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import type { EnvironmentRow } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';

/** Whether the admins' client registration (client ID and URLs, in the team row) exists yet. */
export function registrationIsSet(environment: EnvironmentRow): boolean {
  const grant = KIND_REGISTRY[environment.kind as Kind].grant;
  if (!grant || grant === 'direct_access') return true;
  const team = findCredentialRow(environment.id, 'team');
  const values = (team?.publicValues ?? {}) as Record<string, unknown>;
  return Boolean(values.client_id || values.idp_client_id);
}

/**
 * Connect and Test refuse before doing anything (and before any audit of a failure) while the
 * registration is missing: that is a step not yet taken, not a provider failure.
 */
export function assertRegistrationSet(environment: EnvironmentRow, appId: string): void {
  if (registrationIsSet(environment)) return;
  throw new AppError('conflict', `The client registration of "${appId}" (${environment.env}) is not set yet: an admin sets the client ID and URLs first.`);
}
