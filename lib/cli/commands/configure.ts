import { CLI_ACTOR } from '@/lib/auth/actor';
import { environmentConfigSchema } from '@/lib/connections/connection-schema';
import { configureEnvironment } from '@/lib/connections/save-connection';
import { envNameSchema } from '@/lib/connections/value-schemas';
import { list, printWarnings, required, str, UsageError, type Command } from '../cli-types';

function pairs(values: string[], flag: string): Record<string, string> | undefined {
  if (!values.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of values) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} takes key=value (got "${item.slice(0, 40)}").`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export const configureCommand: Command = {
  name: 'configure',
  summary: 'Configure one environment (draft or live) of a connection.',
  usage: 'connections configure -a APP_ID --env draft|live -t team|member -k KIND [--server-url URL] [--sso] [-e key=value]…',
  help: [
    '-a, --app-id ID            the connection',
    '--env draft|live           the environment to configure',
    '-t, --type team|member     one shared credential set, or one per member',
    '-k, --kind KIND            basic, bearer, api_key, key_value (kv), oauth_auth_*_flow…',
    '--server-url URL           the application’s base URL ({placeholders} allowed)',
    '--sso                      on-behalf-of, token exchange and direct access only',
    '-e, --entries key=value    custom config entry; repeat for more',
    '--idp-token-use VALUE      on-behalf-of: idp_config body requested_token_use',
    '--idp-token-type VALUE     on-behalf-of: idp_config body requested_token_type',
    '--idp-token-header k=v     idp_config header; repeat for more',
    '--app-token-header k=v     app_config header; repeat for more',
    '-y, --yes                  confirm removing stored credentials when kind, type or sso change',
  ],
  options: {
    'app-id': { type: 'string', short: 'a' },
    env: { type: 'string' },
    type: { type: 'string', short: 't' },
    kind: { type: 'string', short: 'k' },
    'server-url': { type: 'string' },
    sso: { type: 'boolean' },
    entries: { type: 'string', short: 'e', multiple: true },
    'idp-token-use': { type: 'string' },
    'idp-token-type': { type: 'string' },
    'idp-token-header': { type: 'string', multiple: true },
    'app-token-header': { type: 'string', multiple: true },
    yes: { type: 'boolean', short: 'y' },
  },
  run(values, io) {
    const appId = required(values, 'app-id', '-a/--app-id');
    const env = envNameSchema.parse(required(values, 'env', '--env'));
    const idpBody: Record<string, string> = {};
    if (str(values['idp-token-use'])) idpBody.requested_token_use = str(values['idp-token-use'])!;
    if (str(values['idp-token-type'])) idpBody.requested_token_type = str(values['idp-token-type'])!;
    const idpHeader = pairs(list(values['idp-token-header']), '--idp-token-header');
    const appHeader = pairs(list(values['app-token-header']), '--app-token-header');
    const config = environmentConfigSchema.parse({
      kind: required(values, 'kind', '-k/--kind'),
      type: required(values, 'type', '-t/--type'),
      server_url: str(values['server-url']),
      sso: values.sso === true,
      custom_config_entries: pairs(list(values.entries), '-e/--entries'),
      idp_config: idpHeader || Object.keys(idpBody).length ? { header: idpHeader ?? {}, body: idpBody } : undefined,
      app_config: appHeader ? { header: appHeader } : undefined,
    });
    const result = configureEnvironment(CLI_ACTOR, appId, env, config, { confirmCredentialRemoval: values.yes === true });
    const removed = result.credentialsRemoved ? ` (removed the credentials of ${result.credentialsRemoved} owner${result.credentialsRemoved === 1 ? '' : 's'})` : '';
    io.out(`Configured ${env} of "${appId}": ${config.kind}, ${config.type}${removed}.\n`);
    printWarnings(io, 'configure', result.warnings);
  },
};
