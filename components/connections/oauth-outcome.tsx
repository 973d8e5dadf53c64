import { Alert } from '@/components/ui/alert';

export type OAuthOutcomeQuery = { oauth?: string; message?: string };

/** The result of a consent, carried back in the query string by the OAuth callback. */
export function OAuthOutcome({ outcome }: { outcome: OAuthOutcomeQuery }) {
  if (outcome.oauth === 'connected') return <Alert tone="success" title="Connected">The provider granted access and the tokens are stored.</Alert>;
  if (outcome.oauth === 'error') {
    return <Alert tone="error" title="The connection did not complete">{outcome.message?.slice(0, 300) ?? 'The provider did not grant access.'} Nothing was stored.</Alert>;
  }
  return null;
}
