import { CLI_ACTOR } from '@/lib/auth/actor';
import { environmentConfigSchema } from '@/lib/connections/connection-schema';
import { CONFIGURE_FLAGS, type ConfigureField } from '@/lib/connections/kinds';
import { configureEnvironment } from '@/lib/connections/save-connection';
import { readConnectionDocument } from '@/lib/connections/read-connection-document';
import { AppError } from '@/lib/errors';
import { printWarnings, UsageError, type Command, type OptionSpec } from '../cli-types';
import { APP_ID_FLAG, booleanOf, COMMON_OPTIONS, flagSpelling, helpLine, listOf, parseHeader, requiredEnv, stringOf } from '../flags';

function pairs(values: string[], flag: string, parse: (item: string, flag: string) => [string, string]): Record<string, string> | undefined {
  if (!values.length) return undefined;
  return Object.fromEntries(values.map((item) => parse(item, flag)));
}

function keyValue(item: string, flag: string): [string, string] {
  const eq = item.indexOf('=');
  if (eq <= 0) throw new UsageError(`${flag} takes key=value (got "${item.slice(0, 40)}").`);
  return [item.slice(0, eq), item.slice(eq + 1)];
}

const VALUE_NAMES: Partial<Record<ConfigureField, string>> = { type: 'team|member', kind: 'KIND', server_url: 'URL', custom_config_entries: 'key=value', idp_token_header: '"key: value"', app_token_header: '"key: value"' };

const fields = Object.entries(CONFIGURE_FLAGS) as Array<[ConfigureField, (typeof CONFIGURE_FLAGS)[ConfigureField]]>;
const configureOptions: OptionSpec = Object.assign(
  {},
  ...fields.map(([, flag]) => ({
    [flag.flag]: { type: flag.value === 'boolean' ? 'boolean' : 'string', multiple: flag.value === 'list', ...(flag.short ? { short: flag.short } : {}) },
    ...Object.fromEntries((flag.aliases ?? []).map((alias) => [alias, { type: flag.value === 'boolean' ? 'boolean' : 'string', multiple: flag.value === 'list' }])),
  })),
);

export const configureCommand: Command = {
  name: 'configure',
  summary: 'Configure one environment (draft or live) of a connection.',
  usage: 'connections configure -a APP_ID --env draft|live -t team|member -k KIND [-u URL] [-s] [-e key=value]…',
  help: [
    helpLine('-a, --app-id ID', 'the connection'),
    helpLine('--env, --environment draft|live', 'the environment to configure'),
    ...fields.map(([field, flag]) => helpLine(flagSpelling(flag, VALUE_NAMES[field] ?? (flag.value === 'boolean' ? '' : 'VALUE')), flag.help)),
    helpLine('-y, --yes', 'confirm removing stored credentials when kind, type or sso change'),
    '',
    'Examples:',
    '  connections configure -a service-now --env draft --type team --kind basic --url https://example.service-now.com',
    '  connections configure -a my_app --env live -t member -k oauth_auth_on_behalf_of_flow --sso \\',
    '    --idp-token-use on_behalf_of --idp-token-type urn:ietf:params:oauth:token-type:saml2 \\',
    '    --idp-token-header "content-type: application/x-www-form-urlencoded"',
  ],
  options: { ...COMMON_OPTIONS, ...configureOptions, yes: { type: 'boolean', short: 'y' } },
  async run(values, io) {
    const appId = stringOf(values, APP_ID_FLAG);
    if (!appId) throw new UsageError('-a/--app-id is required.');
    const env = requiredEnv(values);
    const flag = CONFIGURE_FLAGS;
    const kind = stringOf(values, flag.kind);
    const type = stringOf(values, flag.type);
    if (!kind) throw new UsageError('-k/--kind is required.');
    if (!type) throw new UsageError('-t/--type is required.');
    const idpBody: Record<string, string> = {};
    const tokenUse = stringOf(values, flag.idp_token_use);
    const tokenType = stringOf(values, flag.idp_token_type);
    if (tokenUse) idpBody.requested_token_use = tokenUse;
    if (tokenType) idpBody.requested_token_type = tokenType;
    const idpHeader = pairs(listOf(values, flag.idp_token_header), '--idp-token-header', parseHeader);
    const appHeader = pairs(listOf(values, flag.app_token_header), '--app-token-header', parseHeader);
    const raw = {
      kind,
      type,
      server_url: stringOf(values, flag.server_url),
      sso: booleanOf(values, flag.sso),
      custom_config_entries: pairs(listOf(values, flag.custom_config_entries), '-e/--config-entries', keyValue),
      idp_config: idpHeader || Object.keys(idpBody).length ? { header: idpHeader ?? {}, body: idpBody } : undefined,
      app_config: appHeader ? { header: appHeader } : undefined,
    };
    // The ADK's rules for a configuration (on-behalf-of needs both idp token settings), as for a file.
    const read = readConnectionDocument({ spec_version: 'v1', kind: 'connection', app_id: appId, environments: { [env]: raw } }, { file: true });
    const flagNames: Record<string, string> = { requested_token_use: '--idp-token-use', requested_token_type: '--idp-token-type' };
    if (read.errors.length) {
      const first = read.errors[0];
      const name = flagNames[String(first.path.at(-1))];
      throw new AppError('bad_input', name ? `${first.message.replace(/\.$/, '')}: give ${name}.` : first.message);
    }
    const config = environmentConfigSchema.parse(raw);
    const result = await configureEnvironment(CLI_ACTOR, appId, env, config, { confirmCredentialRemoval: values.yes === true });
    const removed = result.credentialsRemoved ? ` (removed the credentials of ${result.credentialsRemoved} owner${result.credentialsRemoved === 1 ? '' : 's'})` : '';
    io.out(`Configured ${env} of "${appId}": ${config.kind}, ${config.type}${removed}.\n`);
    printWarnings(io, 'configure', result.warnings);
  },
};
