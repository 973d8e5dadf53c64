import { CopyButton } from '@/components/ui/copy-button';
import type { CatalogEntry } from '@/lib/catalog/catalog-schema';

/** The provider's step-by-step, with the redirect URI to paste into its app registration. */
export function TemplateSteps({ entry, redirectUri, oauth }: { entry: CatalogEntry; redirectUri: string; oauth: boolean }) {
  return (
    <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
      <li>
        Open <a href={entry.docs_url} target="_blank" rel="noreferrer noopener" className="font-medium text-brand-700 underline">{entry.display_name}’s guide</a> to register an app.
      </li>
      {entry.steps.map((step) => <li key={step}>{step}</li>)}
      {oauth && (
        <li>
          <span>Redirect URI to register with {entry.display_name}:</span>
          <span className="mt-1 flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-slate-100 px-2 py-1 text-xs" data-testid="template-redirect-uri">{redirectUri}</code>
            <CopyButton value={redirectUri} label="Copy redirect URI" />
          </span>
        </li>
      )}
      <li>
        {oauth
          ? 'Paste the client ID and secret it gives you below, check the rest, and create the connection.'
          : entry.credential_keys?.length
            ? `Create the connection, then set the entries ${entry.credential_keys.join(', ')} on its page.`
            : 'Create the connection, then set the credential on its page.'}
      </li>
    </ol>
  );
}
