import fs from 'node:fs';
import { CLI_ACTOR } from '@/lib/auth/actor';
import { findTemplate, searchCatalog } from '@/lib/catalog/catalog';
import { CATALOG_KINDS, type CatalogKind } from '@/lib/catalog/catalog-schema';
import { createFromAnyTemplate } from '@/lib/catalog/create-from-template';
import { templateInputSchema, templateYaml } from '@/lib/catalog/template-document';
import { AppError } from '@/lib/errors';
import { list, str, UsageError, type CliIo, type Command, type OptionSpec } from '../cli-types';
import { boxTable } from '../box-table';

/** `connections catalog [--search TEXT]`: the provider templates `add --template` starts from. */
export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'List provider templates (or print one as a connection file).',
  usage: 'connections catalog [--search TEXT] [--json] | catalog --export NAME [-o FILE]',
  help: [
    '--search TEXT       only templates whose name, description, category or kind match every word',
    '--json              the templates as JSON',
    '--export NAME       print template NAME as a kind: connection YAML file',
    '-o, --output FILE   with --export: write to FILE',
  ],
  options: { search: { type: 'string', short: 's' }, json: { type: 'boolean' }, export: { type: 'string' }, output: { type: 'string', short: 'o' } },
  run(values, io) {
    const name = str(values.export);
    if (name) {
      const entry = findTemplate(name);
      if (!entry) throw new AppError('not_found', `No template "${name}". Run "connections catalog --search ${name}".`);
      const file = str(values.output);
      if (!file) return io.out(templateYaml(entry));
      fs.writeFileSync(file, templateYaml(entry), { mode: 0o644 });
      return io.out(`Wrote ${file}.\n`);
    }
    const entries = searchCatalog(str(values.search));
    if (values.json) return io.out(`${JSON.stringify(entries, null, 2)}\n`);
    const rows = entries.map((e) => [e.name, e.display_name, e.kinds.join(', '), e.categories.join(', '), e.parameters.map((p) => p.key).join(', ')]);
    io.out(boxTable(`Templates (${entries.length})`, ['Name', 'Provider', 'Kinds', 'Categories', 'Parameters'], rows));
  },
};

/** The options `add` takes with `--template`, declared here so add.ts only spreads them. */
export const templateAddOptions: OptionSpec = {
  template: { type: 'string' },
  kind: { type: 'string', short: 'k' },
  type: { type: 'string', short: 't' },
  parameter: { type: 'string', short: 'p', multiple: true },
  scope: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'server-url': { type: 'string' },
};

export const templateAddHelp = [
  '--template NAME      start from a catalog template (see "connections catalog")',
  '-k, --kind KIND      with --template: one of the template\'s kinds (default: its first)',
  '-t, --type T         with --template: team or member',
  '-p, --parameter K=V  with --template: a template parameter (e.g. tenant=contoso.onmicrosoft.com), repeatable',
  '--scope S1,S2        with --template: the scopes to request (default: the template\'s)',
  '--client-id ID       with --template: also save the client registration (URLs from the template)',
  '--client-secret S    with --template and --client-id',
  '--server-url URL     with --template mcp_server: the MCP server (its authorization server is discovered; a client is registered when no --client-id is given)',
];

function keyValues(items: string[]): Record<string, string> {
  return Object.fromEntries(
    items.map((item) => {
      const eq = item.indexOf('=');
      if (eq < 1) throw new UsageError(`-p/--parameter takes key=value, not "${item}".`);
      return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
    }),
  );
}

/** `add` without --template takes none of the template options: refuse rather than ignore them. */
export function refuseTemplateOptions(values: Record<string, unknown>): void {
  const given = Object.keys(templateAddOptions).filter((name) => name !== 'template' && values[name] !== undefined);
  if (given.length) throw new UsageError(`--${given[0]} goes with --template NAME.`);
}

/** `connections add --template NAME [-a APP_ID] …`: a connection (draft) from a template. */
export async function addFromTemplate(values: Record<string, string | boolean | string[] | undefined>, io: CliIo): Promise<void> {
  const template = str(values.template) ?? '';
  const entry = findTemplate(template);
  if (!entry) throw new AppError('not_found', `No template "${template}". Run "connections catalog".`);
  const kind = str(values.kind);
  if (kind && !CATALOG_KINDS.includes(kind as CatalogKind)) throw new UsageError(`--kind must be one of ${entry.kinds.join(', ')}.`);
  const scope = str(values.scope);
  const request = templateInputSchema.parse({
    template,
    app_id: str(values['app-id']) ?? entry.name,
    kind,
    type: str(values.type),
    parameters: keyValues(list(values.parameter)),
    scopes: scope ? scope.split(/[\s,]+/).filter(Boolean) : undefined,
    registration: values['client-id'] ? { client_id: str(values['client-id']), client_secret: str(values['client-secret']) } : undefined,
    mcp: values['server-url'] ? { server_url: str(values['server-url']) } : undefined,
  });
  const result = await createFromAnyTemplate(CLI_ACTOR, request);
  if (result.dynamicallyRegistered) io.out('Registered a client at the MCP server’s authorization server (RFC 7591).\n');
  io.out(`Created connection "${result.appId}" from the ${entry.display_name} template (draft).\n`);
  if (entry.oauth && !result.registrationSaved && (request.kind ?? entry.kinds[0]).startsWith('oauth_')) {
    io.out(`Register the app (${entry.docs_url}), then run:\n  ${templateYaml(entry).split('\n').find((l) => l.includes('set-credentials'))?.replace(/^# Then set the client registration: /, '').replace(`-a ${entry.name}`, `-a ${result.appId}`)}\n`);
  }
}
