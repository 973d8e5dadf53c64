import { recordDeniedEvent } from '@/lib/audit/record-audit-event';
import { forbidden, type AppError } from '@/lib/errors';

export type Role = 'admin' | 'member';

/** Who is acting: always derived from the session, an API key or the CLI, never from input. */
export type Actor = {
  id: string | null;
  email: string;
  role: Role;
  via: 'session' | 'api_key' | 'cli';
};

export const CLI_ACTOR: Actor = { id: null, email: 'cli', role: 'admin', via: 'cli' };

export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** Every authorization refusal goes through here: it is audited, then thrown by the caller (`throw deny(…)`). */
export function deny(actor: Actor, message: string): AppError {
  recordDeniedEvent(actor, message);
  return forbidden(message);
}

export function assertAdmin(actor: Actor, message = 'Only admins can do this.'): void {
  if (!isAdmin(actor)) throw deny(actor, message);
}

/** An actor that is a user (session or API key), as opposed to the CLI. */
export type UserActor = Actor & { id: string };
