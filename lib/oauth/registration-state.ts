import 'server-only';
import { findCredentialRow, hasClientRegistration } from '@/lib/credentials/credential-view';
import type { EnvironmentRow } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';

/**
 * Connect and Test refuse before doing anything (and before any audit of a failure) while the
 * registration is missing: that is a step not yet taken, not a provider failure.
 */
export async function assertRegistrationSet(environment: EnvironmentRow, appId: string): Promise<void> {
  if (hasClientRegistration(environment.kind, await findCredentialRow(environment.id, 'team'))) return;
  throw new AppError('conflict', `The client registration of "${appId}" (${environment.env}) is not set yet: an admin sets the client ID and URLs first.`);
}
