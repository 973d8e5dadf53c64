import crypto from 'node:crypto';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

/** Inserts a user straight into the real test database and returns them as an actor. */
export async function seedUser(role: 'admin' | 'member', email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.test`): Promise<UserActor> {
  const id = crypto.randomUUID();
  await getDb().insert(users).values({ id, email, role, passwordHash: null });
  return { id, email, role, via: 'session' };
}

export function uniqueAppId(prefix = 'app'): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;
}
