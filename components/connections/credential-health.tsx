import { RelativeTime } from '@/components/ui/relative-time';
import type { CredentialHealth } from '@/lib/health/credential-health';
import { expiryWarning } from '@/lib/health/credential-expiry';

/** Last use, token expiry and the failure state of one credential, as relative times. */
export function CredentialHealthLine({ health, now }: { health: CredentialHealth; now: number }) {
  const items: React.ReactNode[] = [];
  items.push(<span key="used">Last used {health.lastUsedAt ? <RelativeTime at={health.lastUsedAt} /> : 'never'}</span>);
  if (health.tokenExpiresAt) items.push(<span key="exp">Token {health.tokenExpiresAt > now ? 'expires' : 'expired'} <RelativeTime at={health.tokenExpiresAt} /></span>);
  if (health.expiresOn) items.push(<span key="on">Expires on <time dateTime={health.expiresOn}>{health.expiresOn}</time></span>);
  if (health.lastSuccessAt) items.push(<span key="ok">Last success <RelativeTime at={health.lastSuccessAt} /></span>);
  return (
    <div className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-xs text-slate-600" data-testid="credential-health">
      <p className="flex flex-wrap gap-x-4 gap-y-1">{items}</p>
      <ExpiryNotice expiresOn={health.expiresOn} now={now} />
      {health.consecutiveFailures > 0 && health.lastFailureAt && (
        <p className="text-red-700" role="status">
          {health.consecutiveFailures} failure{health.consecutiveFailures === 1 ? '' : 's'} in a row, last <RelativeTime at={health.lastFailureAt} />
          {health.lastFailureMessage ? `: ${health.lastFailureMessage}` : '.'}{' '}
          {health.exhausted ? 'Refresh exhausted: reconnect, or force a refresh.' : health.nextRetryAt && health.nextRetryAt > now ? <>Next try <RelativeTime at={health.nextRetryAt} />.</> : null}
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
