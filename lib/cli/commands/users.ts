import crypto from 'node:crypto';
import { CLI_ACTOR } from '@/lib/auth/actor';
import { newUserSchema } from '@/lib/users/user-schemas';
import { createUser, listUsers } from '@/lib/users/users';
import { required, str, UsageError, type Command } from '../cli-types';

export const usersCommand: Command = {
  name: 'users',
  summary: 'Add or list console users.',
  usage: 'connections users add --email E --role admin|member [--password P]  |  connections users list',
  help: ['add --email E --role admin|member [--password P]   without --password, a random one is printed once', 'list                                               every user with their role'],
  options: { email: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  positionals: true,
  async run(values, io, positionals) {
    const [sub] = positionals;
    if (sub === 'list') {
      for (const u of await listUsers()) io.out(`${u.email}\t${u.role}\n`);
      return;
    }
    if (sub !== 'add') throw new UsageError('Use "users add" or "users list".');
    const generated = str(values.password) ? undefined : crypto.randomBytes(18).toString('base64url');
    const input = newUserSchema.parse({
      email: required(values, 'email', '--email'),
      role: required(values, 'role', '--role'),
      name: str(values.name),
      password: str(values.password) ?? generated,
    });
    const user = await createUser(CLI_ACTOR, input);
    io.out(`Added ${user.role} ${user.email}.\n`);
    if (generated) io.out(`Initial password (shown once): ${generated}\n`);
  },
};
