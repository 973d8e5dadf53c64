import type { CliFlag } from '@/lib/connections/kinds';
import { envNameSchema } from '@/lib/connections/value-schemas';
import { list, str, UsageError, type OptionSpec } from './cli-types';

/**
 * Options spelled as `orchestrate connections` spells them: a flag, its short form and its other
 * spellings (node's parseArgs has no aliases, so each spelling is its own option, merged on read).
 */
export function optionsOf(flag: CliFlag, type: 'string' | 'boolean', multiple = false): OptionSpec {
  const spec: OptionSpec = { [flag.flag]: { type, multiple, ...(flag.short ? { short: flag.short } : {}) } };
  for (const alias of flag.aliases ?? []) spec[alias] = { type, multiple };
  return spec;
}

export function stringOf(values: Record<string, unknown>, flag: CliFlag): string | undefined {
  for (const name of [flag.flag, ...(flag.aliases ?? [])]) {
    const value = str(values[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

export function listOf(values: Record<string, unknown>, flag: CliFlag): string[] {
  return [flag.flag, ...(flag.aliases ?? [])].flatMap((name) => list(values[name]));
}

export function booleanOf(values: Record<string, unknown>, flag: CliFlag): boolean {
  return [flag.flag, ...(flag.aliases ?? [])].some((name) => values[name] === true);
}

/** Was any spelling of the flag given? */
export function given(values: Record<string, unknown>, flag: CliFlag): boolean {
  return [flag.flag, ...(flag.aliases ?? [])].some((name) => values[name] !== undefined);
}

/** `-u, --server-url, --url VALUE`, padded for a help column. */
export function flagSpelling(flag: CliFlag, valueName = ''): string {
  const names = [...(flag.short ? [`-${flag.short}`] : []), `--${flag.flag}`, ...(flag.aliases ?? []).map((a) => `--${a}`)];
  return `${names.join(', ')}${valueName ? ` ${valueName}` : ''}`;
}

export function helpLine(spelling: string, text: string): string {
  // Commands' help is printed indented by two: a wrapped text lines up with the others at column 38.
  return spelling.length >= 34 ? `${spelling}\n${' '.repeat(38)}${text}` : `${spelling.padEnd(34)}  ${text}`;
}

export const APP_ID_FLAG: CliFlag = { flag: 'app-id', short: 'a', help: 'the connection' };
/** `--env` and the ADK's `--environment`. */
export const ENV_FLAG: CliFlag = { flag: 'env', aliases: ['environment'], help: 'draft or live' };

export const COMMON_OPTIONS: OptionSpec = { ...optionsOf(APP_ID_FLAG, 'string'), ...optionsOf(ENV_FLAG, 'string') };

export function requiredEnv(values: Record<string, unknown>): 'draft' | 'live' {
  const env = stringOf(values, ENV_FLAG);
  if (!env) throw new UsageError('--env/--environment is required.');
  return envNameSchema.parse(env);
}

export function optionalEnv(values: Record<string, unknown>): 'draft' | 'live' | undefined {
  const env = stringOf(values, ENV_FLAG);
  return env === undefined ? undefined : envNameSchema.parse(env);
}

/**
 * A header as the ADK writes it, `"key: value"`, or as `key=value`: whichever separator comes first.
 */
export function parseHeader(item: string, flag: string): [string, string] {
  const colon = item.indexOf(':');
  const eq = item.indexOf('=');
  const at = colon > 0 && (eq < 0 || colon < eq) ? colon : eq;
  if (at <= 0) throw new UsageError(`${flag} takes "key: value" (got "${item.slice(0, 40)}").`);
  return [item.slice(0, at).trim(), item.slice(at + 1).trim()];
}
