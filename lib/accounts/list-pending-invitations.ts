import 'server-only';
import { isNull } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

/** Users who have not chosen a password yet (invited, link not used). */
export function listUsersWithoutPassword(): Set<string> {
  return new Set(getDb().select({ id: users.id }).from(users).where(isNull(users.passwordHash)).all().map((u) => u.id));
}
