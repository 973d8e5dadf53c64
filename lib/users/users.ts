import 'server-only';
import crypto from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor, type Role } from '@/lib/auth/actor';
import { endAllSessions } from '@/lib/auth/session-version';
import { hashPassword } from '@/lib/crypto/passwords';
import { getDb, writeTransaction } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { AppError, notFound } from '@/lib/errors';
import type { newUserSchema } from './user-schemas';
import type { z } from 'zod';

export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'createdAt'>;

const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt };

export function countUsers(): number {
  return getDb().select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserByEmail(email: string): User | undefined {
  return getDb().select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function findUserById(id: string): User | undefined {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

export function listUsers(): PublicUser[] {
  return getDb().select(publicColumns).from(users).orderBy(asc(users.email)).all();
}

type NewUser = z.output<typeof newUserSchema>;

async function insertUser(input: NewUser, guard: () => void): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction((tx) => {
    guard();
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
      throw new AppError('conflict', 'A user with this email already exists.', { email: 'A user with this email already exists.' });
    }
    const row = { id: crypto.randomUUID(), email: input.email, name: input.name ?? null, role: input.role, passwordHash };
    tx.insert(users).values(row).run();
    return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: Date.now() };
  });
}

/** Only while no user exists: `/setup` creates the first admin. */
export async function createFirstAdmin(input: Omit<NewUser, 'role'>): Promise<PublicUser> {
  const user = await insertUser({ ...input, role: 'admin' }, () => {
    if (countUsers() > 0) throw new AppError('conflict', 'Setup is already complete. Sign in instead.');
  });
  recordAuditEvent({ actor: { id: user.id, email: user.email, role: 'admin', via: 'session' }, action: 'user.setup', targetType: 'user', target: user.email });
  return user;
}

export async function createUser(actor: Actor, input: NewUser): Promise<PublicUser> {
  assertAdmin(actor, 'Only admins can add users.');
  const user = await insertUser(input, () => {});
  recordAuditEvent({ actor, action: 'user.create', targetType: 'user', target: user.email, detail: { role: user.role } });
  return user;
}

export function setUserRole(actor: Actor, userId: string, role: Role): void {
  assertAdmin(actor, 'Only admins can change roles.');
  writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) throw notFound('The user');
    if (user.role === 'admin' && role !== 'admin') assertAnotherAdmin(tx, userId);
    tx.update(users).set({ role, updatedAt: Date.now() }).where(eq(users.id, userId)).run();
    // Their open sessions were granted under the old role: they sign in again.
    if (user.role !== role) endAllSessions(userId);
    recordAuditEvent({ actor, action: 'user.role', targetType: 'user', target: user.email, detail: { role } }, tx);
  });
}

export function removeUser(actor: Actor, userId: string): void {
  assertAdmin(actor, 'Only admins can remove users.');
  writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) throw notFound('The user');
    if (user.role === 'admin') assertAnotherAdmin(tx, userId);
    endAllSessions(userId);
    // Cascades remove the user's credentials, API keys and pending OAuth states.
    tx.delete(users).where(eq(users.id, userId)).run();
    recordAuditEvent({ actor, action: 'user.remove', targetType: 'user', target: user.email }, tx);
  });
}

function assertAnotherAdmin(tx: ReturnType<typeof getDb>, exceptId: string) {
  const admins = tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).all();
  if (!admins.some((a) => a.id !== exceptId)) {
    throw new AppError('conflict', 'This is the last admin: make someone else an admin first.');
  }
}
