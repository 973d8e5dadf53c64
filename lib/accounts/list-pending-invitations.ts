import 'server-only';
import { isNull } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

/** Users who have not chosen a password yet (invited, link not used). */
export async function listUsersWithoutPassword(): Promise<Set<string>> {
  const rows = await getDb().select({ id: users.id }).from(users).where(isNull(users.passwordHash));
  return new Set(rows.map((u) => u.id));
}
