import { verifyDatabaseEncryptionKey } from '@/lib/crypto/key-check';
import { prepareDatabase } from '@/lib/db/client';
import { describeDatabase, describePostgresUrl } from '@/lib/db/describe-database';
import { env } from '@/lib/env';
import { required, UsageError, type Command } from '../cli-types';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply the database migrations (DATABASE_URL, else the SQLite file) and report it up to date.',
  usage: 'connections migrate',
  help: [
    'Migrates PostgreSQL when DATABASE_URL is set, else the SQLite file DATABASE_PATH. The server and',
    'every command also migrate at start; this runs it alone (a deploy step). Needs no encryption key.',
  ],
  options: {},
  keyCheck: false,
  async run(_values, io) {
    await prepareDatabase();
    io.out(`${describeDatabase()}: every migration is applied; the database is up to date.\n`);
  },
};

export const copyDbCommand: Command = {
  name: 'copy-db',
  summary: 'Copy the SQLite database into an empty PostgreSQL database, all or nothing.',
  usage: 'connections copy-db --to postgres://USER:PASSWORD@HOST:PORT/DATABASE',
  help: [
    '--to URL   the PostgreSQL database to fill: migrated first, refused unless empty',
    '',
    'Copies every table of DATABASE_PATH (the SQLite file) in one PostgreSQL transaction, checks each',
    'table’s row count and commits only if all match. Secrets stay encrypted as they are: start the',
    'console with DATABASE_URL set to the target and the same encryption key. Stop the console first:',
    'what it writes during the copy stays behind.',
  ],
  options: { to: { type: 'string' } },
  // The key check runs here, on the SQLite source, once the source is known to be SQLite.
  keyCheck: false,
  async run(values, io) {
    const to = required(values, 'to', '--to');
    if (!/^postgres(ql)?:\/\//.test(to)) throw new UsageError('--to takes a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE).');
    if (env().databaseUrl) throw new UsageError('copy-db copies the SQLite database (DATABASE_PATH), but DATABASE_URL is set: run it without DATABASE_URL.');
    await verifyDatabaseEncryptionKey();
    const { copySqliteToPostgres } = await import('@/lib/db/copy-db');
    const result = await copySqliteToPostgres(env().databasePath, to, (line) => io.out(`${line}\n`));
    io.out(
      `Copied ${result.rows} row(s) in ${result.tables.length} tables from ${describeDatabase()} to ${describePostgresUrl(to)}. ` +
        'Start the console with DATABASE_URL set to it and the same encryption key.\n',
    );
  },
};
