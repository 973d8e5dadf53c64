import { CLI_ACTOR } from '@/lib/auth/actor';
import { deleteConnection } from '@/lib/connections/save-connection';
import { appIdSchema } from '@/lib/connections/value-schemas';
import { required, type Command } from '../cli-types';

export const removeCommand: Command = {
  name: 'remove',
  summary: 'Delete a connection with its environments and every credential.',
  usage: 'connections remove -a APP_ID',
  help: ['-a, --app-id ID    the connection'],
  options: { 'app-id': { type: 'string', short: 'a' } },
  async run(values, io) {
    const appId = appIdSchema.parse(required(values, 'app-id', '-a/--app-id'));
    await deleteConnection(CLI_ACTOR, appId);
    io.out(`Removed connection "${appId}".\n`);
  },
};
