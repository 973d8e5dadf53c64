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
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export const OUTCOME_TONE: Record<AuditEvent['outcome'], BadgeTone> = { success: 'green', failure: 'red', denied: 'amber' };

/** Non-secret details (field names, counts, reasons) as one line. */
export function describeDetail(detail: AuditEvent['detail']): string {
  return Object.entries(detail ?? {})
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

