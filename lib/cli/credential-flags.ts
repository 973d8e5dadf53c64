import { KIND_REGISTRY, KINDS, type CliFlag, type FieldInput, type Kind } from '@/lib/connections/kinds';
import type { OptionSpec } from './cli-types';
import { flagSpelling, helpLine, optionsOf } from './flags';

/**
 * The flags of `set-credentials` and `set-identity-provider`, generated from the kind registry
 * (`FieldDef.cli`): adding a field to a kind adds its flag, its short form and its help line.
 */
export type CredentialCommand = 'set-credentials' | 'set-identity-provider';
export type CredentialBinding = { field: string; cli: CliFlag; multiple: boolean; kinds: Kind[] };

const REPEATABLE: ReadonlySet<FieldInput> = new Set(['scope', 'entries', 'token_entries', 'auth_entries']);
const VALUE_NAME: Partial<Record<FieldInput, string>> = { url: 'URL', scope: 'a,b', send_via: 'header|body', entries: 'key=value', token_entries: '[location:]key=value', auth_entries: 'key=value' };

function buildBindings(command: CredentialCommand): CredentialBinding[] {
  const identity = command === 'set-identity-provider';
  const byFlag = new Map<string, CredentialBinding>();
  for (const kind of KINDS) {
    for (const field of KIND_REGISTRY[kind].fields) {
      if ((field.group === 'identity_provider') !== identity) continue;
      const existing = byFlag.get(field.cli.flag);
      if (existing && existing.field !== field.name) {
        throw new Error(`Kind registry: --${field.cli.flag} of ${command} names both ${existing.field} and ${field.name}.`);
      }
      if (existing) existing.kinds.push(kind);
      else byFlag.set(field.cli.flag, { field: field.name, cli: field.cli, multiple: REPEATABLE.has(field.input), kinds: [kind] });
    }
  }
  return [...byFlag.values()];
}

const BINDINGS: Record<CredentialCommand, CredentialBinding[]> = {
  'set-credentials': buildBindings('set-credentials'),
  'set-identity-provider': buildBindings('set-identity-provider'),
};

export function credentialBindings(command: CredentialCommand): CredentialBinding[] {
  return BINDINGS[command];
}

export function credentialOptions(command: CredentialCommand): OptionSpec {
  return Object.assign({}, ...BINDINGS[command].map((b) => optionsOf(b.cli, 'string', b.multiple)));
}

function inputOf(binding: CredentialBinding): FieldInput {
  return KIND_REGISTRY[binding.kinds[0]].fields.find((f) => f.name === binding.field)!.input;
}

/** `basic, OAuth: code, password` rather than the full kind names, to keep help lines readable. */
function kindList(kinds: Kind[]): string {
  const plain = kinds.filter((k) => KIND_REGISTRY[k].grant === null);
  const oauth = kinds.filter((k) => KIND_REGISTRY[k].grant !== null).map((k) => k.replace(/^oauth_auth_/, '').replace(/_flow$/, ''));
  return [...plain, ...(oauth.length ? [`OAuth: ${oauth.join(', ')}`] : [])].join(', ');
}

export function credentialHelp(command: CredentialCommand): string[] {
  return BINDINGS[command].map((b) => {
    const repeat = b.multiple ? '; repeat for more' : '';
    const kinds = command === 'set-identity-provider' ? '' : ` (${kindList(b.kinds)})`;
    return helpLine(flagSpelling(b.cli, VALUE_NAME[inputOf(b)] ?? 'VALUE'), `${b.cli.help}${repeat}${kinds}`);
  });
}
