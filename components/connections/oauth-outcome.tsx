import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import type { OAuthOutcomeView } from '@/lib/oauth/oauth-outcome';

/** The result of a consent, read by the page from the callback's query (lib/oauth/oauth-outcome). */
export function OAuthOutcome({ outcome, connected }: { outcome: OAuthOutcomeView; connected?: ReactNode }) {
  if (outcome?.tone === 'success') {
    return connected ?? <Alert tone="success" title="Connected">The provider granted access and the tokens are stored.</Alert>;
  }
  if (outcome?.tone === 'error') return <Alert tone="error" title="The connection did not complete">{outcome.message} Nothing was stored.</Alert>;
  return null;
}
