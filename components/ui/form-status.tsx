import { Alert } from './alert';

/** The form-level message of an action result, announced to screen readers. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return <Alert tone="error">{message}</Alert>;
}
