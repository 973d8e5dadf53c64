import 'server-only';
import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor, type Role } from '@/lib/auth/actor';
import { endAllSessions } from '@/lib/auth/session-version';
import { hashPassword } from '@/lib/crypto/passwords';
import { getDb, writeTransaction, type Tx } from '@/lib/db/client';
import { byteOrder } from '@/lib/db/collation';
import { users, type User } from '@/lib/db/schema';
import { AppError, notFound } from '@/lib/errors';
import type { newUserSchema } from './user-schemas';
import type * as z from 'zod';

export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'createdAt'>;

const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt };

export async function countUsers(): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
  const [user] = await getDb().select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return user;
}

export async function findUserById(id: string): Promise<User | undefined> {
  const [user] = await getDb().select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** By email, in the same order on both databases. */
export async function listUsers(): Promise<PublicUser[]> {
  return getDb().select(publicColumns).from(users).orderBy(byteOrder(users.email));
}

type NewUser = z.output<typeof newUserSchema>;

async function insertUser(input: NewUser, guard: () => Promise<void>): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    await guard();
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing) {
      throw new AppError('conflict', 'A user with this email already exists.', { email: 'A user with this email already exists.' });
    }
    const row = { id: crypto.randomUUID(), email: input.email, name: input.name ?? null, role: input.role, passwordHash };
    await tx.insert(users).values(row);
    return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: Date.now() };
  });
}

/** Only while no user exists: `/setup` creates the first admin. */
export async function createFirstAdmin(input: Omit<NewUser, 'role'>): Promise<PublicUser> {
  const user = await insertUser({ ...input, role: 'admin' }, async () => {
    if ((await countUsers()) > 0) throw new AppError('conflict', 'Setup is already complete. Sign in instead.');
  });
  await recordAuditEvent({ actor: { id: user.id, email: user.email, role: 'admin', via: 'session' }, action: 'user.setup', targetType: 'user', target: user.email });
  return user;
}

export async function createUser(actor: Actor, input: NewUser): Promise<PublicUser> {
  assertAdmin(actor, 'Only admins can add users.');
  const user = await insertUser(input, async () => {});
  await recordAuditEvent({ actor, action: 'user.create', targetType: 'user', target: user.email, detail: { role: user.role } });
  return user;
}

export async function setUserRole(actor: Actor, userId: string, role: Role): Promise<void> {
  assertAdmin(actor, 'Only admins can change roles.');
  await writeTransaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw notFound('The user');
    if (user.role === 'admin' && role !== 'admin') await assertAnotherAdmin(tx, userId);
    await tx.update(users).set({ role, updatedAt: Date.now() }).where(eq(users.id, userId));
    // Their open sessions were granted under the old role: they sign in again.
    if (user.role !== role) await endAllSessions(userId);
    await recordAuditEvent({ actor, action: 'user.role', targetType: 'user', target: user.email, detail: { role } }, tx);
  });
}

export async function removeUser(actor: Actor, userId: string): Promise<void> {
  assertAdmin(actor, 'Only admins can remove users.');
  await writeTransaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw notFound('The user');
    if (user.role === 'admin') await assertAnotherAdmin(tx, userId);
    await endAllSessions(userId);
    // Cascades remove the user's credentials, API keys and pending OAuth states.
    await tx.delete(users).where(eq(users.id, userId));
    await recordAuditEvent({ actor, action: 'user.remove', targetType: 'user', target: user.email }, tx);
  });
}

async function assertAnotherAdmin(tx: Tx, exceptId: string) {
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
  if (!admins.some((a) => a.id !== exceptId)) {
    throw new AppError('conflict', 'This is the last admin: make someone else an admin first.');
  }
}
