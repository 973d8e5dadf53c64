import { formatUtc } from '@/components/ui/format-date';
import type { CredentialHealth } from '@/lib/health/credential-health';
import { expiryWarning } from '@/lib/health/credential-expiry';
import { relativeTime } from '@/lib/health/relative-time';

function When({ at, now }: { at: number; now: number }) {
  return <time dateTime={new Date(at).toISOString()} title={formatUtc(at)}>{relativeTime(at, now)}</time>;
}

/** Last use, token expiry and the failure state of one credential, as relative times. */
export function CredentialHealthLine({ health, now }: { health: CredentialHealth; now: number }) {
  const items: React.ReactNode[] = [];
  items.push(<span key="used">Last used {health.lastUsedAt ? <When at={health.lastUsedAt} now={now} /> : 'never'}</span>);
  if (health.tokenExpiresAt) items.push(<span key="exp">Token {health.tokenExpiresAt > now ? 'expires' : 'expired'} <When at={health.tokenExpiresAt} now={now} /></span>);
  if (health.expiresOn) items.push(<span key="on">Expires on <time dateTime={health.expiresOn}>{health.expiresOn}</time></span>);
  if (health.lastSuccessAt) items.push(<span key="ok">Last success <When at={health.lastSuccessAt} now={now} /></span>);
  return (
    <div className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-xs text-slate-600" data-testid="credential-health">
      <p className="flex flex-wrap gap-x-4 gap-y-1">{items}</p>
      <ExpiryNotice expiresOn={health.expiresOn} now={now} />
      {health.consecutiveFailures > 0 && health.lastFailureAt && (
        <p className="text-red-700" role="status">
          {health.consecutiveFailures} failure{health.consecutiveFailures === 1 ? '' : 's'} in a row, last <When at={health.lastFailureAt} now={now} />
          {health.lastFailureMessage ? `: ${health.lastFailureMessage}` : '.'}{' '}
          {health.exhausted ? 'Refresh exhausted: reconnect, or force a refresh.' : health.nextRetryAt && health.nextRetryAt > now ? <>Next try <When at={health.nextRetryAt} now={now} />.</> : null}
        </p>
      )}
    </div>
  );
}

/** The 14-day warning before a credential's own expiry date, and after it. */
export function ExpiryNotice({ expiresOn, now }: { expiresOn: string | null; now: number }) {
  const warning = expiryWarning(expiresOn, now);
  if (!warning) return null;
  return (
    <p className={warning.expired ? 'text-red-700' : 'text-amber-800'} role="status" data-testid="expiry-warning">
      {capitalize(warning.text)} ({expiresOn}): replace these credentials{warning.expired ? '' : ' before then'} and update the date.
    </p>
  );
}

const capitalize = (text: string) => text[0].toUpperCase() + text.slice(1);
