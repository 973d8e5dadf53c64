import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** A console page that is not there, or not for this user's role (admin pages answer 404 to members). */
export default function ConsoleNotFound() {
  return (
    <EmptyState title="Page not found" action={<ButtonLink href="/connections">Back to connections</ButtonLink>}>
      This page does not exist, or you do not have access to it.
    </EmptyState>
  );
}
