import { CLI_ACTOR, type Actor } from '@/lib/auth/actor';
import { KIND_REGISTRY } from '@/lib/connections/kinds';
import { envNameSchema } from '@/lib/connections/value-schemas';
import { readCredentialsInput, runnableCredentialKind } from '@/lib/credentials/credential-input';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { notFound } from '@/lib/errors';
import { findUserByEmail } from '@/lib/users/users';
import { list, required, str, UsageError, type Command, type OptionSpec } from '../cli-types';

/** Flag → §2 field name, as `orchestrate connections set-credentials` spells them. */
const CREDENTIAL_FLAGS: Record<string, { field: string; multiple?: boolean }> = {
  username: { field: 'username' },
  password: { field: 'password' },
  token: { field: 'token' },
  'api-key': { field: 'api_key' },
  entries: { field: 'entries', multiple: true },
  'client-id': { field: 'client_id' },
  'client-secret': { field: 'client_secret' },
  'authorization-url': { field: 'authorization_url' },
  'token-url': { field: 'token_url' },
  scope: { field: 'scope', multiple: true },
  'send-via': { field: 'send_via' },
  'grant-type': { field: 'grant_type' },
  'token-entries': { field: 'token_entries', multiple: true },
  'auth-entries': { field: 'auth_entries', multiple: true },
};

/** `--identity-provider` fields of on-behalf-of (set-identity-provider). */
export const IDP_FLAGS: Record<string, { field: string; multiple?: boolean }> = {
  url: { field: 'idp_url' },
  'client-id': { field: 'idp_client_id' },
  'client-secret': { field: 'idp_client_secret' },
  scope: { field: 'idp_scope', multiple: true },
  'grant-type': { field: 'idp_grant_type' },
};

const SHORT: Record<string, string> = { username: 'u', password: 'p', 'api-key': 'k', entries: 'e', 'token-entries': 't' };

function optionsFor(flags: Record<string, { multiple?: boolean }>): OptionSpec {
  const spec: OptionSpec = {};
  for (const [flag, def] of Object.entries(flags)) spec[flag] = { type: 'string', multiple: def.multiple ?? false, ...(SHORT[flag] && flags === CREDENTIAL_FLAGS ? { short: SHORT[flag] } : {}) };
  return spec;
}

/** The user a member credential belongs to: `--user EMAIL`, acting with that user’s own role. */
function actorFor(email: string | undefined): Actor {
  if (!email) return CLI_ACTOR;
  const user = findUserByEmail(email);
  if (!user) throw notFound(`The user ${email}`);
  return { id: user.id, email: user.email, role: user.role, via: 'cli' };
}

export function applyCredentialFlags(
  values: Record<string, unknown>,
  flags: Record<string, { field: string; multiple?: boolean }>,
  command: string,
): { appId: string; env: 'draft' | 'live'; count: number } {
  const appId = required(values, 'app-id', '-a/--app-id');
  const env = envNameSchema.parse(required(values, 'env', '--env'));
  // Never run, so there is nothing to set: say why before judging any flag.
  const kind = runnableCredentialKind(appId, env);
  const body: Record<string, unknown> = {};
  const flagOf: Record<string, string> = {};
  for (const [flag, def] of Object.entries(flags)) {
    const value = def.multiple ? list(values[flag]) : str(values[flag]);
    if (value === undefined || (Array.isArray(value) && !value.length)) continue;
    if (!KIND_REGISTRY[kind].fields.some((f) => f.name === def.field)) {
      throw new UsageError(`--${flag} is not a field of ${kind} connections (${command}).`);
    }
    body[def.field] = def.field.endsWith('scope') ? (value as string[]).join(',') : value;
    flagOf[def.field] = `--${flag}`;
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
  if (!Object.keys(body).length) throw new UsageError(`Give at least one credential flag; ${kind} takes: ${KIND_REGISTRY[kind].fields.map((f) => f.name).join(', ') || 'none'}.`);
  const input = readCredentialsInput(appId, env, body, { message: 'Some credential values are not valid.', nameField: (path) => flagOf[path.split('.')[0]] ?? path });
  // On-behalf-of takes two commands (identity provider, then app), as in orchestrate: each may
  // leave the other's required fields for later.
  const identity = flags === IDP_FLAGS;
  const setLater = KIND_REGISTRY[kind].fields.filter((f) => (f.group === 'identity_provider') !== identity).map((f) => f.name);
  setCredentials(actorFor(str(values.user)), appId, env, input, { setLater: KIND_REGISTRY[kind].needsIdpConfig ? setLater : [] });
  return { appId, env, count: Object.keys(body).length };
}

export const setCredentialsCommand: Command = {
  name: 'set-credentials',
  summary: 'Set the credentials of one environment (team, or with --user a member’s own).',
  usage: 'connections set-credentials -a APP_ID --env draft|live [credential flags]',
  help: [
    '-a, --app-id ID                 the connection',
    '--env draft|live                the environment',
    '-u, --username U / -p, --password P      basic, oauth_auth_password_flow',
    '--token T                       bearer',
    '-k, --api-key K                 api_key',
    '-e, --entries key=value         key_value; repeat for more',
    '--client-id, --client-secret, --authorization-url, --token-url     OAuth kinds',
    '--scope a,b                     OAuth scopes, comma separated (repeatable)',
    '--send-via header|body          client authentication',
    '--grant-type G                  token exchange, on-behalf-of',
    '-t, --token-entries [location:]key=value    extra token request values; repeat',
    '--auth-entries key=value        extra authorization URL parameters; repeat',
    '--parameter key=value           auth settings parameters; repeat',
    '--user EMAIL                    set a member connection’s credentials as this user',
  ],
  options: { 'app-id': { type: 'string', short: 'a' }, env: { type: 'string' }, user: { type: 'string' }, parameter: { type: 'string', multiple: true }, ...optionsFor(CREDENTIAL_FLAGS) },
  run(values, io) {
    const { appId, env, count } = applyCredentialFlags(values, CREDENTIAL_FLAGS, 'set-credentials');
    io.out(`Set ${count} credential value${count === 1 ? '' : 's'} for ${env} of "${appId}".\n`);
  },
};

export const setIdentityProviderCommand: Command = {
  name: 'set-identity-provider',
  summary: 'Set the identity provider of an on-behalf-of connection.',
  usage: 'connections set-identity-provider -a APP_ID --env draft|live --url URL --client-id ID [--client-secret S] [--scope a,b] [--grant-type G]',
  help: ['-a, --app-id ID      the connection', '--env draft|live     the environment', '--url URL            the identity provider’s token URL', '--client-id ID', '--client-secret S', '--scope a,b', '--grant-type G'],
  options: { 'app-id': { type: 'string', short: 'a' }, env: { type: 'string' }, ...optionsFor(IDP_FLAGS) },
  run(values, io) {
    const { appId, env } = applyCredentialFlags(values, IDP_FLAGS, 'set-identity-provider');
    io.out(`Set the identity provider for ${env} of "${appId}".\n`);
  },
};
