import { str, UsageError, type Command } from '../cli-types';

/**
 * Key rotation and online backup are owned by the security work (lib/crypto/rotate-key.ts,
 * lib/db/backup.ts); the CLI only parses flags and calls them.
 */
export const rotateKeyCommand: Command = {
  name: 'rotate-key',
  summary: 'Re-encrypt every secret under a new key while the console keeps serving.',
  usage: 'connections rotate-key [--reencrypt-only]',
  help: [
    '--reencrypt-only   switch no key: re-encrypt what is still under an older key with the current one',
    '                   (after restarting with CONNECTIONS_ENCRYPTION_KEY=new, CONNECTIONS_ENCRYPTION_KEY_PREVIOUS=old)',
  ],
  options: { 'reencrypt-only': { type: 'boolean' } },
  async run(values, io) {
    const { rotateEncryptionKey } = await import('@/lib/crypto/rotate-key');
    const result = await rotateEncryptionKey({ reencryptOnly: values['reencrypt-only'] === true, onProgress: (line) => io.out(`${line}\n`) });
    io.out(`Re-encrypted ${result.reencrypted} secret(s) under key ${result.keyId} (was ${result.previousKeyId}).\n`);
    if (result.unreadable) io.out(`${result.unreadable} sealed value(s) could not be opened with any configured key and were left as they are.\n`);
    if (result.newKeyBase64) io.out(`New key (configure it as CONNECTIONS_ENCRYPTION_KEY): ${result.newKeyBase64}\n`);
    for (const line of result.instructions) io.out(`${line}\n`);
  },
};

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Write an online backup of the SQLite database (on PostgreSQL: pg_dump).',
  usage: 'connections backup -o FILE',
  help: ['-o, --output FILE  where to write the backup'],
  options: { output: { type: 'string', short: 'o' } },
  async run(values, io) {
    const file = str(values.output);
    if (!file) throw new UsageError('-o/--output is required.');
    const { backupDatabase } = await import('@/lib/db/backup');
    const result = await backupDatabase(file);
    io.out(`Backed up ${result.pages} page(s), ${result.bytes} bytes, to ${result.file}. The encryption key is not in it: keep the key separately.\n`);
  },
};
