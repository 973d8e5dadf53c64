import { spawnSync } from 'node:child_process';
import { rawEnvironment } from '@/lib/env';
import { appIdSchema } from '@/lib/connections/value-schemas';
import { list, str, UsageError, type Command, type CommandValues } from '../cli-types';
import { COMMON_OPTIONS, helpLine, optionalEnv } from '../flags';
import { orchestrateVariables, shellExports } from '../orchestrate-variables';
import { fetchRuntimeCredentials } from '../runtime-source';

/** The WXO_* variables of every `-a` connection (SPEC §7), resolved one after the other. */
async function variablesFor(values: Record<string, unknown>): Promise<Record<string, string>> {
  const appIds = list(values['app-id']).map((a) => appIdSchema.parse(a));
  if (!appIds.length) throw new UsageError('-a/--app-id is required (repeat it for several connections).');
  const env = optionalEnv(values) ?? 'draft';
  const vars: Record<string, string> = {};
  for (const appId of appIds) {
    const resolved = await fetchRuntimeCredentials({ appId, env, user: str(values.user), subjectToken: str(values['subject-token']) });
    Object.assign(vars, orchestrateVariables(appId, resolved));
  }
  return vars;
}

const options = {
  'app-id': { type: 'string', short: 'a', multiple: true },
  env: COMMON_OPTIONS.env,
  environment: COMMON_OPTIONS.environment,
  user: { type: 'string' },
  'subject-token': { type: 'string' },
} as const;

const help = [
  helpLine('-a, --app-id ID', 'a connection; repeat for several'),
  helpLine('--env, --environment draft|live', 'which environment’s credentials (default draft)'),
  helpLine('--user EMAIL', 'a member connection’s credentials of this user'),
  helpLine('--subject-token T', 'the member’s sign-in token (token exchange, on-behalf-of, direct access)'),
  '',
  'Variables, as watsonx Orchestrate gives them to a Python tool (ID = the app id with every run of',
  'other characters than letters and digits made one "_", e.g. service-now -> service_now):',
  '  WXO_SECURITY_SCHEMA_ID, WXO_CONNECTION_ID_<field> (username, password, token, api_key,',
  '  access_token, url; each key of a key_value connection), WXO_CONNECTION_CUSTOM_ID_<key>.',
  'OAuth kinds get a valid access token. Reads the local database (DATABASE_URL or DATABASE_PATH), or with',
  'CONNECTIONS_URL and CONNECTIONS_API_KEY a remote console’s runtime-credentials API.',
];

export const envCommand: Command = {
  name: 'env',
  summary: 'Print the WXO_* variables an Orchestrate tool reads for connections (export lines).',
  usage: 'connections env -a ID [-a ID…] [--environment draft|live] [--user EMAIL]',
  help: [...help, '', 'Example: eval "$(connections env -a service-now)"'],
  options,
  async run(values, io) {
    io.out(shellExports(await variablesFor(values)));
  },
};

export const execCommand: Command = {
  name: 'exec',
  summary: 'Run a command with the WXO_* variables of connections, as Orchestrate runs a tool.',
  usage: 'connections exec -a ID [-a ID…] [--environment draft|live] [--user EMAIL] -- COMMAND [ARGS…]',
  help: [...help, '', 'Example: connections exec -a service-now -- python3 my_tool.py'],
  options,
  positionals: true,
  async run(values: CommandValues, io, positionals) {
    const [command, ...args] = positionals;
    if (!command) throw new UsageError('Give the command to run after --, e.g. connections exec -a my_app -- python3 tool.py');
    const vars = await variablesFor(values);
    const child = spawnSync(command, args, { stdio: 'inherit', env: { ...rawEnvironment(), ...vars } });
    if (child.error) throw new UsageError(`Could not run ${command}: ${child.error.message}`);
    return child.status ?? 1;
  },
};
