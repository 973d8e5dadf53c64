import { Alert } from '@/components/ui/alert';
import { RelativeTime } from '@/components/ui/relative-time';
import type { OpenConnectLink } from '@/lib/connect-links/use-connect-link';

/** Who asked the member to connect, and why: "Requested by … for …". */
export function ConnectLinkRequest({ link }: { link: OpenConnectLink }) {
  return (
    <Alert tone="info" title={link.reason ? `Requested by ${link.requestedBy} for ${link.reason}` : `Requested by ${link.requestedBy}`}>
      This link is only for you and works once. It expires <RelativeTime at={link.expiresAt} />.
      {link.returnTo && <> When you are done you will be sent back to {new URL(link.returnTo).host}.</>}
    </Alert>
  );
}
