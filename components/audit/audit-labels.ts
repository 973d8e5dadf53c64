import type { AuditEvent } from '@/lib/db/schema';
import type { BadgeTone } from '@/components/ui/badge';

/** Readable names for the actions the code records; an unknown action shows its code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'connection.create': 'Created connection',
  'connection.update': 'Updated connection',
  'connection.delete': 'Deleted connection',
  'connection.promote': 'Promoted draft to live',
  'connection.import.create': 'Imported new connection',
  'connection.import.update': 'Imported over connection',
  'environment.configure': 'Configured environment',
  'environment.auth_settings': 'Changed auth settings',
  'credentials.set': 'Set credentials',
  'credentials.clear': 'Cleared credentials',
  'credentials.runtime_read': 'Read runtime credentials',
  'oauth.connect': 'Connected via OAuth',
  'oauth.refresh': 'Refreshed OAuth token',
  'user.setup': 'Created first admin',
  'user.create': 'Added user',
  'user.role': 'Changed role',
  'user.remove': 'Removed user',
  'user.password_change': 'Changed their password',
  'api_key.create': 'Created API key',
  'api_key.revoke': 'Revoked API key',
  'authorization.denied': 'Refused (not allowed)',
  'user.invite': 'Invited user',
  'user.reset_link': 'Created password reset link',
  'user.password_set': 'Set password from a link',
  'connect_link.create': 'Created connect link',
  'connect_link.use': 'Connected from a link',
  'connection.disconnect': 'Disconnected',
  'connection.rename': 'Renamed connection',
  'user.oidc_sign_in': 'Signed in with the identity provider',
  'user.oidc_signup': 'Joined through the identity provider',
  'settings.return_to_allowlist': 'Changed return-to allowlist',
};


export const OUTCOME_LABEL: Record<AuditEvent['outcome'], string> = { success: 'Done', failure: 'Failed', denied: 'Refused' };

export const OUTCOME_TONE: Record<AuditEvent['outcome'], BadgeTone> = { success: 'green', failure: 'red', denied: 'amber' };
