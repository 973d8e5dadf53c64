import { recordDeniedEvent } from '@/lib/audit/record-audit-event';
import { forbidden } from '@/lib/errors';

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

export function assertAdmin(actor: Actor, message = 'Only admins can do this.'): void {
  if (isAdmin(actor)) return;
  recordDeniedEvent(actor, message);
  throw forbidden(message);
}

/** An actor that is a user (session or API key), as opposed to the CLI. */
export type UserActor = Actor & { id: string };
