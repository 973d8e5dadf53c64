import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { seedUser } from '@/test/db-fixtures';
import { createUser, findUserByEmail, findUserById, listUsers, removeUser, setUserRole } from './users';

const admins = async () => (await getDb().select({ id: users.id }).from(users).where(eq(users.role, 'admin'))).map((u) => u.id);

describe('users', () => {
  it('finds users by id and by email whatever its case, and refuses a second account for an email', async () => {
    const admin = await seedUser('admin');
    const created = await createUser(admin, { email: `case-${Date.now()}@example.test`, name: 'Case', role: 'member', password: 'a-long-enough-password' });
    expect(await findUserById(created.id)).toMatchObject({ email: created.email, role: 'member' });
    expect((await findUserByEmail(created.email.toUpperCase()))?.id).toBe(created.id);
    expect(await findUserById('no-such-user')).toBeUndefined();
    await expect(createUser(admin, { email: created.email, name: undefined, role: 'admin', password: 'another-long-password' })).rejects.toThrow(/already exists/);
    await expect(createUser(await seedUser('member'), { email: 'x@example.test', name: undefined, role: 'member', password: 'a-long-enough-password' })).rejects.toThrow(/Only admins/);
  });

  it('lists users by email in byte order on both databases', async () => {
    const admin = await seedUser('admin');
    const tag = Date.now().toString(36);
    for (const local of ['b-x', 'a_b', 'ab', 'a-c', 'az']) {
      await createUser(admin, { email: `${local}.${tag}@example.test`, name: undefined, role: 'member', password: 'a-long-enough-password' });
    }
    const mine = (await listUsers()).map((u) => u.email).filter((e) => e.endsWith(`.${tag}@example.test`));
    expect(mine).toEqual([...mine].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    expect(mine.map((e) => e.split('.')[0])).toEqual(['a-c', 'a_b', 'ab', 'az', 'b-x']);
  });

  it('never leaves the console without an admin, even when two admins demote each other at once', async () => {
    // The admins seeded by the tests above step down: these two are the only ones.
    await getDb().update(users).set({ role: 'member' }).where(eq(users.role, 'admin'));
    const a = await seedUser('admin');
    const b = await seedUser('admin');
    const results = await Promise.allSettled([setUserRole(a, b.id, 'member'), setUserRole(b, a.id, 'member')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/last admin/);
    const [left] = await admins();
    expect(await admins()).toHaveLength(1);
    await expect(removeUser({ ...a, id: left }, left)).rejects.toThrow(/last admin/);
    await expect(setUserRole({ ...a, id: left }, left, 'member')).rejects.toThrow(/last admin/);
  });
});
