import 'server-only';
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { findUserById } from '@/lib/users/users';
import { signInUrlForThisPage } from './sign-in-url';
import { assertAdmin, type Actor, type UserActor } from './actor';
import { auth } from './config';

/**
 * The signed-in user, read from the database on every call: a removed user's session stops
 * working at once and a demoted admin loses admin rights at once.
 */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(id);
  if (!user) return null;
  return { id: user.id, email: user.email, role: user.role, via: 'session' };
}

/** For pages and layouts: sends anonymous visitors to the sign-in page. */
export async function requirePageUser(): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor?.id) redirect(await signInUrlForThisPage());
  return actor as UserActor;
}

/** For server actions and route handlers: they are public endpoints, so they check for themselves. */
export async function requireUser(): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor?.id) throw new AppError('unauthenticated', 'Sign in to continue.');
  return actor as UserActor;
}

export async function requireAdmin(): Promise<UserActor> {
  const actor = await requireUser();
  assertAdmin(actor);
  return actor;
}
