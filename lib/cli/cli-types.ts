import type { ParseArgsConfig } from 'node:util';

export type CliIo = { out(text: string): void; err(text: string): void };

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export type CommandValues = Record<string, string | boolean | string[] | undefined>;

export type Command = {
  name: string;
  summary: string;
  usage: string;
  /** Lines describing each option, shown by --help. */
  help: string[];
  options: OptionSpec;
  /** Takes positional arguments (a sub-command, or what follows `--`). */
  positionals?: boolean;
  /** `false`: no encryption key check before `run` (the command opens its database itself). */
  keyCheck?: false;
  /** A number is the exit code (exec passes on its command's); otherwise 0. */
  run(values: CommandValues, io: CliIo, positionals: string[]): Promise<void | number> | void | number;
};

/** A mistake in how the command was called: exit code 2, like most CLIs. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Accepted-but-not-run notices (a deprecated kind) go to stderr; the command still exits 0. */
export function printWarnings(io: CliIo, command: string, warnings: readonly string[]): void {
  for (const warning of warnings) io.err(`connections ${command}: warning: ${warning}\n`);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

export function required(values: Record<string, unknown>, name: string, flag: string): string {
  const value = str(values[name]);
  if (!value) throw new UsageError(`${flag} is required.`);
  return value;
}
