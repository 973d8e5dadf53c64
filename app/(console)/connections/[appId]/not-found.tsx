import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** Rendered inside the console layout when the app id matches no connection. */
export default function ConnectionNotFound() {
  return (
    <EmptyState title="This connection does not exist" action={<ButtonLink href="/connections">Back to connections</ButtonLink>}>
      It may have been deleted, or the app ID in the address is mistyped.
    </EmptyState>
  );
}
