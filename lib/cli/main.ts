import { parseArgs } from 'node:util';
import { verifyDatabaseEncryptionKey } from '@/lib/crypto/key-check';
import { closeDatabase } from '@/lib/db/client';
import { describeCliError } from './cli-errors';
import { UsageError, type CliIo, type Command, type CommandValues } from './cli-types';
import { addCommand } from './commands/add';
import { catalogCommand } from './commands/catalog';
import { backupCommand, rotateKeyCommand } from './commands/maintenance';
import { configureCommand } from './commands/configure';
import { copyDbCommand, migrateCommand } from './commands/database';
import { connectLinkCommand } from './commands/connect-link';
import { envCommand, execCommand } from './commands/env';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { listCommand } from './commands/list';
import { removeCommand } from './commands/remove';
import { setCredentialsCommand, setIdentityProviderCommand } from './commands/set-credentials';
import { usersCommand } from './commands/users';

/** `npx connections …`: mirrors `orchestrate connections` (SPEC §7) on the console's database. */
export const COMMANDS: Command[] = [
  addCommand,
  configureCommand,
  setCredentialsCommand,
  setIdentityProviderCommand,
  importCommand,
  exportCommand,
  listCommand,
  removeCommand,
  envCommand,
  execCommand,
  usersCommand,
  connectLinkCommand,
  rotateKeyCommand,
  backupCommand,
  migrateCommand,
  copyDbCommand,
  catalogCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: connections <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "connections <command> --help" for its options. Uses PostgreSQL when DATABASE_URL is set,',
    'else the SQLite file DATABASE_PATH (default ./data/connections.db).',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [`Usage: ${command.usage}`, '', command.summary, '', 'Options:', ...command.help.map((line) => `  ${line}`), '  -h, --help         show this help', ''].join('\n');
}

/** Runs one command; the database is closed afterwards, so the process can end (bin/connections.mjs). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await runCommand(argv, io);
  } finally {
    await closeDatabase();
  }
}

async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic ? commandHelp(topic) : overview());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`Unknown command "${name}". Run "connections --help".`);
    // After `--` everything belongs to the command exec runs, its --help included.
    const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (own.includes('--help') || own.includes('-h')) {
      io.out(commandHelp(command));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.positionals === true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
    }
    // An entry point: opens and migrates the database, and a wrong or missing encryption key stops
    // every command before it writes.
    if (command.keyCheck !== false) await verifyDatabaseEncryptionKey();
    const code = await command.run(parsed.values as CommandValues, io, parsed.positionals);
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    const { line, code } = describeCliError(e);
    io.err(`connections ${command?.name ?? name}: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  }
}
