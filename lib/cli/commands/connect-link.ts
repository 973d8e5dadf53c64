import { CLI_ACTOR } from '@/lib/auth/actor';
import { createConnectLinkSchema } from '@/lib/connect-links/connect-link-schemas';
import { createConnectLink } from '@/lib/connect-links/create-connect-link';
import { required, str, type Command } from '../cli-types';

export const connectLinkCommand: Command = {
  name: 'connect-link',
  summary: 'Create a single-use link asking a member to connect a member connection.',
  usage: 'connections connect-link -a APP_ID --env draft|live --user EMAIL [--requested-by WHO] [--reason WHY] [--expires-in 24h] [--return-to URL]',
  help: [
    '-a, --app-id ID         the connection',
    '--env draft|live        the environment (also --environment)',
    '--user EMAIL            the member who should connect',
    '--requested-by WHO      the agent or tool asking, shown as "Requested by WHO"',
    '--reason WHY            why, shown as "… for WHY"',
    '--expires-in 24h        30m, 24h, 7d … (default 24h, at most 30d)',
    '--return-to URL         where to send the member afterwards; must match the allowlist in Settings',
  ],
  options: {
    'app-id': { type: 'string', short: 'a' },
    env: { type: 'string' },
    environment: { type: 'string' },
    user: { type: 'string' },
    'requested-by': { type: 'string' },
    reason: { type: 'string' },
    'expires-in': { type: 'string' },
    'return-to': { type: 'string' },
  },
  async run(values, io) {
    const input = createConnectLinkSchema.parse({
      appId: required(values, 'app-id', '-a/--app-id'),
      env: str(values.env) ?? required(values, 'environment', '--env'),
      user: required(values, 'user', '--user'),
      requested_by: str(values['requested-by']),
      reason: str(values.reason),
      expires_in: str(values['expires-in']),
      return_to: str(values['return-to']),
    });
    const link = await createConnectLink(CLI_ACTOR, input);
    io.out(`${link.url}\n`);
    io.out(`Connect link for ${link.user} to ${link.app_id} (${link.env}), works once, expires ${link.expires_at}.\n`);
  },
};
