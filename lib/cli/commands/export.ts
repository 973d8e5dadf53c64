import fs from 'node:fs';
import { appIdSchema } from '@/lib/connections/value-schemas';
import { exportConnectionYaml } from '@/lib/import-export/export-connection';
import { required, str, type Command } from '../cli-types';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Print (or write) the YAML of a connection. Never includes a secret.',
  usage: 'connections export -a APP_ID [-o FILE]',
  help: ['-a, --app-id ID    the connection', '-o, --output FILE  write to FILE instead of standard output'],
  options: { 'app-id': { type: 'string', short: 'a' }, output: { type: 'string', short: 'o' } },
  run(values, io) {
    const yaml = exportConnectionYaml(appIdSchema.parse(required(values, 'app-id', '-a/--app-id')));
    const file = str(values.output);
    if (!file) return io.out(yaml);
    fs.writeFileSync(file, yaml, { mode: 0o644 });
    io.out(`Wrote ${file}.\n`);
  },
};
