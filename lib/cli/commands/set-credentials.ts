import { CLI_ACTOR, type Actor } from '@/lib/auth/actor';
import { KIND_REGISTRY } from '@/lib/connections/kinds';
import { readCredentialsInput, runnableCredentialKind } from '@/lib/credentials/credential-input';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { AppError, notFound } from '@/lib/errors';
import { findUserByEmail } from '@/lib/users/users';
import { list, printWarnings, str, UsageError, type CliIo, type Command } from '../cli-types';
import { credentialBindings, credentialHelp, credentialOptions, type CredentialCommand } from '../credential-flags';
import { APP_ID_FLAG, COMMON_OPTIONS, given, helpLine, listOf, requiredEnv, stringOf } from '../flags';

/** The user a member credential belongs to: `--user EMAIL`, acting with that user’s own role. */
async function actorFor(email: string | undefined): Promise<Actor> {
  if (!email) return CLI_ACTOR;
  const user = await findUserByEmail(email);
  if (!user) throw notFound(`The user ${email}`);
  return { id: user.id, email: user.email, role: user.role, via: 'cli' };
}

/**
 * Sets what the flags give. A flag the kind does not take is ignored with a warning, as
 * `orchestrate connections` does; the values are judged by the one credentials schema.
 */
export async function applyCredentialFlags(values: Record<string, unknown>, command: CredentialCommand, io: CliIo): Promise<{ appId: string; env: 'draft' | 'live'; count: number }> {
  const appId = stringOf(values, APP_ID_FLAG);
  if (!appId) throw new UsageError('-a/--app-id is required.');
  const env = requiredEnv(values);
  // Never run, so there is nothing to set: say why before judging any flag.
  const kind = await runnableCredentialKind(appId, env);
  const identity = command === 'set-identity-provider';
  const fieldsOfKind = KIND_REGISTRY[kind].fields.filter((f) => (f.group === 'identity_provider') === identity);
  if (identity && !fieldsOfKind.length) {
    throw new AppError('bad_input', `An identity provider is only set on oauth_auth_on_behalf_of_flow connections; "${appId}" (${env}) is ${kind}.`);
  }
  const body: Record<string, unknown> = {};
  const flagOf: Record<string, string> = {};
  const ignored: string[] = [];
  for (const binding of credentialBindings(command)) {
    if (!given(values, binding.cli)) continue;
    if (!fieldsOfKind.some((f) => f.name === binding.field)) {
      ignored.push(`--${binding.cli.flag} is not used by ${kind} connections; ignored.`);
      continue;
    }
    const value = binding.multiple ? listOf(values, binding.cli) : stringOf(values, binding.cli);
    body[binding.field] = binding.field.endsWith('scope') ? (value as string[]).join(',') : value;
    flagOf[binding.field] = `--${binding.cli.flag}`;
  }
  printWarnings(io, command, ignored);
  if (command === 'set-credentials' && str(values['expires-on']) !== undefined) {
    body.expires_on = str(values['expires-on']);
    flagOf.expires_on = '--expires-on';
  }
  const params = list(values.parameter);
  if (params.length) {
    body.parameters = Object.fromEntries(
      params.map((p) => {
        const eq = p.indexOf('=');
        if (eq <= 0) throw new UsageError(`--parameter takes key=value (got "${p.slice(0, 40)}").`);
        return [p.slice(0, eq), p.slice(eq + 1)];
      }),
    );
  }
  if (!Object.keys(body).length) {
    const accepted = fieldsOfKind.map((f) => `--${f.cli.flag}`).join(', ') || 'none';
    throw new UsageError(`Give at least one credential flag; ${kind} takes: ${accepted}.`);
  }
  const input = await readCredentialsInput(appId, env, body, { message: 'Some credential values are not valid.', nameField: (path) => flagOf[path.split('.')[0]] ?? path });
  // On-behalf-of takes two commands (identity provider, then app), as in orchestrate: each may
  // leave the other's required fields for later.
  const setLater = KIND_REGISTRY[kind].fields.filter((f) => (f.group === 'identity_provider') !== identity).map((f) => f.name);
  await setCredentials(await actorFor(str(values.user)), appId, env, input, { setLater: KIND_REGISTRY[kind].needsIdpConfig ? setLater : [] });
  return { appId, env, count: Object.keys(body).length };
}

const commonHelp = [helpLine('-a, --app-id ID', 'the connection'), helpLine('--env, --environment draft|live', 'the environment')];

export const setCredentialsCommand: Command = {
  name: 'set-credentials',
  summary: 'Set the credentials of one environment (team, or with --user a member’s own).',
  usage: 'connections set-credentials -a APP_ID --env draft|live [credential flags]',
  help: [
    ...commonHelp,
    ...credentialHelp('set-credentials'),
    helpLine('--parameter key=value', 'auth settings parameters; repeat for more'),
    helpLine('--user EMAIL', 'set a member connection’s credentials as this user'),
    helpLine('--expires-on YYYY-MM-DD', 'when these credentials expire, for reminders ("" clears it)'),
    '',
    'A flag the connection’s kind does not take is ignored with a warning. Examples:',
    '  connections set-credentials -a service-now --env draft -u admin -p PASSWORD',
    '  connections set-credentials -a wxai --env draft -e key1=value1 -e key2=value2',
    '  connections set-credentials -a my_app --env draft --client-id ID --client-secret S -t key1=value1 -t body:key2=value2',
  ],
  options: { ...COMMON_OPTIONS, user: { type: 'string' }, 'expires-on': { type: 'string' }, parameter: { type: 'string', multiple: true }, ...credentialOptions('set-credentials') },
  async run(values, io) {
    const { appId, env, count } = await applyCredentialFlags(values, 'set-credentials', io);
    io.out(`Set ${count} credential value${count === 1 ? '' : 's'} for ${env} of "${appId}".\n`);
  },
};

export const setIdentityProviderCommand: Command = {
  name: 'set-identity-provider',
  summary: 'Set the identity provider of an on-behalf-of connection.',
  usage: 'connections set-identity-provider -a APP_ID --env draft|live -u URL --client-id ID [--client-secret S] [--scope a,b] [--grant-type G] [-t [location:]key=value]…',
  help: [...commonHelp, ...credentialHelp('set-identity-provider')],
  options: { ...COMMON_OPTIONS, ...credentialOptions('set-identity-provider') },
  async run(values, io) {
    const { appId, env } = await applyCredentialFlags(values, 'set-identity-provider', io);
    io.out(`Set the identity provider for ${env} of "${appId}".\n`);
  },
};
