import { KIND_REGISTRY, normalizeKind } from '@/lib/connections/kinds';
import type { AuditEvent } from '@/lib/db/schema';

type Event = Pick<AuditEvent, 'action' | 'actorLabel' | 'target' | 'env' | 'outcome' | 'detail'>;

/** Words for the reason codes recorded with failed consents and refreshes. */
const REASONS: Record<string, string> = {
  signed_out: 'they were signed out during the consent',
  foreign_state: 'the consent was started by someone else',
  expired_state: 'the consent took too long',
  access_denied: 'the provider’s page was declined',
  invalid_grant: 'the provider no longer accepts the grant',
  exchange_failed: 'the provider refused the code',
};

const words = (code: string) => REASONS[code] ?? code.replace(/[._]+/g, ' ');
const kindWords = (kind: unknown, type: unknown) => {
  const known = typeof kind === 'string' ? normalizeKind(kind) : undefined;
  const label = known ? KIND_REGISTRY[known].label : String(kind);
  return type === 'member' ? `${label}, set by each member` : `${label}, set once for the team`;
};
const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : '');

/** "Alice", "Alice (API key)", "The CLI", "Someone signed out". */
export function auditActor(event: Pick<Event, 'actorLabel'>): string {
  const match = /^(.*) \((session|api_key|cli)\)$/.exec(event.actorLabel);
  if (!match) return event.actorLabel === 'anonymous' ? 'Someone signed out' : event.actorLabel;
  if (match[2] === 'cli') return 'The command line';
  return match[2] === 'api_key' ? `${match[1]} (API key)` : match[1];
}

function what(event: Event): string {
  const d = (event.detail ?? {}) as Record<string, unknown>;
  const t = event.target ?? 'something';
  const te = event.env ? `${t} (${event.env})` : t;
  switch (event.action) {
    case 'connection.create': return `created ${t}`;
    case 'connection.update': return `changed ${t}`;
    case 'connection.delete': return `deleted ${t}`;
    case 'connection.promote': return `copied the draft of ${t} to live`;
    case 'connection.import.create': return `imported ${t}`;
    case 'connection.import.update': return `imported changes to ${t}`;
    case 'environment.configure': return `configured ${te}${d.kind ? `: ${kindWords(d.kind, d.type)}` : ''}`;
    case 'environment.auth_settings': return `changed the auth settings of ${te}`;
    case 'credentials.set': return `set ${d.owner === 'member' ? 'their own' : 'the team'} credentials for ${te}${list(d.fields) ? ` (${list(d.fields)})` : ''}`;
    case 'credentials.clear': return `removed ${d.owner === 'member' ? 'their own' : 'the team'} credentials for ${te}`;
    case 'credentials.runtime_read': {
      const times = Number(d.count ?? 1);
      return `read the credentials of ${te}${d.for ? ` for ${String(d.for)}` : ''}${times > 1 ? `, ${times} times` : ''}`;
    }
    case 'oauth.authorize': return `started connecting ${te}`;
    case 'oauth.connect': return event.outcome === 'success' ? `connected ${te}` : `tried to connect ${te}, but ${words(String(d.reason ?? 'it failed'))}`;
    case 'oauth.refresh_failed': return `could not renew the access to ${te}`;
    case 'oauth.test': return `tested ${te}`;
    case 'user.setup': return 'set up the console as its first admin';
    case 'user.create': return `added ${t} as ${d.role === 'admin' ? 'an admin' : 'a member'}`;
    case 'user.invite': return `invited ${t} as ${d.role === 'admin' ? 'an admin' : 'a member'}`;
    case 'user.reset_link': return `created a password reset link for ${t}`;
    case 'user.password_set': return `set a password for ${t} from a link`;
    case 'user.oidc_sign_in': return 'signed in with the identity provider';
    case 'user.oidc_signup': return `joined by signing in with the identity provider, as ${d.role === 'admin' ? 'an admin' : 'a member'}`;
    case 'user.oidc_refused': return `could not sign in as ${t}: no account has that email`;
    case 'user.role': return `made ${t} ${d.role === 'admin' ? 'an admin' : 'a member'}`;
    case 'user.remove': return `removed ${t}`;
    case 'api_key.create': return `created the API key ${t}${d.actsAs ? ` acting as ${String(d.actsAs)}` : ''}`;
    case 'api_key.revoke': return `revoked the API key ${t}`;
    case 'authorization.denied': return `was refused${d.reason ? `: ${String(d.reason).replace(/\.$/, '')}` : ''}`;
    case 'connect_link.create': return `asked ${String(d.for ?? 'a member')} to connect ${te}${d.requestedBy ? ` for ${String(d.requestedBy)}` : ''}`;
    case 'connect_link.use': return `connected ${te} from a link`;
    case 'connection.disconnect': return `disconnected ${te}${d.revokedAtProvider ? ' and revoked the access at the provider' : ''}`;
    case 'connection.rename': return d.displayName ? `renamed ${t} to “${String(d.displayName)}”` : `removed the display name of ${t}`;
    case 'settings.return_to_allowlist': return 'changed where connect links may send members back to';
    default: return `${words(event.action)}${event.target ? ` ${te}` : ''}`;
  }
}

/** One event as a sentence: "Alice connected salesforce (draft)". */
export function auditSentence(event: Event): string {
  const sentence = `${auditActor(event)} ${what(event)}`;
  return event.outcome === 'failure' && event.action !== 'oauth.connect' ? `${sentence} (failed)` : sentence;
}
