import { RelativeTime } from '@/components/ui/relative-time';
import { ShownOnce } from '@/components/ui/shown-once';
import type { CreatedAccountLink } from '@/lib/accounts/create-account-link';

/** A just-created invitation or reset link: shown once, to copy and send privately. */
export function AccountLinkShown({ link, title }: { link: CreatedAccountLink; title: string }) {
  return (
    <ShownOnce title={title} value={link.url} testId="new-account-link" copyLabel="Copy link">
      Send it to them privately. It works once and expires <RelativeTime at={link.expiresAt} />; it is shown only now.
    </ShownOnce>
  );
}
