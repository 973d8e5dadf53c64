import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { appIdSchema } from '@/lib/connections/value-schemas';
import { exportConnectionYaml } from '@/lib/import-export/export-connection';
import { required, str, UsageError, type Command } from '../cli-types';

/**
 * `-o x.zip` writes `x/<app_id>.yaml` into a zip, as `orchestrate connections export` does; an
 * existing zip gets the file added (or replaced), so several exports can share one archive.
 */
function writeZip(file: string, appId: string, yaml: string): void {
  const entries: Zippable = fs.existsSync(file) ? unzipSync(fs.readFileSync(file)) : {};
  entries[`${path.basename(file, path.extname(file))}/${appId}.yaml`] = strToU8(yaml);
  fs.writeFileSync(file, zipSync(entries), { mode: 0o644 });
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Print (or write to .yaml, .yml or .zip) the YAML of a connection. Never includes a secret.',
  usage: 'connections export -a APP_ID [-o FILE.yaml|FILE.zip]',
  help: ['-a, --app-id ID    the connection', '-o, --output FILE  write FILE.yaml / FILE.yml, or add STEM/APP_ID.yaml to FILE.zip, instead of printing'],
  options: { 'app-id': { type: 'string', short: 'a' }, output: { type: 'string', short: 'o' } },
  async run(values, io) {
    const appId = appIdSchema.parse(required(values, 'app-id', '-a/--app-id'));
    const file = str(values.output);
    const extension = file ? path.extname(file).toLowerCase() : '';
    if (file && !['.zip', '.yaml', '.yml'].includes(extension)) throw new UsageError('The output file must end with .zip, .yaml or .yml.');
    const yaml = await exportConnectionYaml(appId);
    if (!file) return io.out(yaml);
    if (extension === '.zip') writeZip(file, appId, yaml);
    else fs.writeFileSync(file, yaml, { mode: 0o644 });
    io.out(`Wrote ${file}.\n`);
  },
};
