import { Alert } from '@/components/ui/alert';
import { CopyButton } from '@/components/ui/copy-button';
import { RelativeTime } from '@/components/ui/relative-time';
import type { CreatedAccountLink } from '@/lib/accounts/create-account-link';

/** A just-created invitation or reset link: shown once, to copy and send privately. */
export function AccountLinkShown({ link, title }: { link: CreatedAccountLink; title: string }) {
  return (
    <Alert tone="success" title={title}>
      <p>Send it to them privately. It works once and expires <RelativeTime at={link.expiresAt} />; it is shown only now.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="new-account-link" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-emerald-200">{link.url}</code>
        <CopyButton value={link.url} label="Copy link" />
      </div>
    </Alert>
  );
}
