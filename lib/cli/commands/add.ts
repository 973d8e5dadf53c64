import { CLI_ACTOR } from '@/lib/auth/actor';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { required, str, type Command } from '../cli-types';
import { addFromTemplate, refuseTemplateOptions, templateAddHelp, templateAddOptions } from './catalog';

export const addCommand: Command = {
  name: 'add',
  summary: 'Register a connection (no environment configured yet).',
  usage: 'connections add -a APP_ID [--component C] [--category K] | add --template NAME [-a APP_ID] [-p key=value]…',
  help: ['-a, --app-id ID      letters, digits, _ and -; unique', '--component C        resource component (optional)', '--category K         resource category (optional)', ...templateAddHelp],
  options: { 'app-id': { type: 'string', short: 'a' }, component: { type: 'string' }, category: { type: 'string' }, ...templateAddOptions },
  async run(values, io) {
    if (values.template !== undefined) return addFromTemplate(values, io);
    refuseTemplateOptions(values);
    const appId = required(values, 'app-id', '-a/--app-id');
    const component = str(values.component);
    const category = str(values.category);
    const doc = connectionSchema.parse({ app_id: appId, resource: component || category ? { component, category } : undefined });
    await createConnection(CLI_ACTOR, doc);
    io.out(`Created connection "${doc.app_id}".\n`);
  },
};
