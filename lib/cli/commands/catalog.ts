import { UsageError, type CliIo, type Command, type OptionSpec } from '../cli-types';

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
  async run(values, io) {
    (await import('./catalog-run')).runCatalog(values, io);
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

/** `add` without --template takes none of the template options: refuse rather than ignore them. */
export function refuseTemplateOptions(values: Record<string, unknown>): void {
  const given = Object.keys(templateAddOptions).filter((name) => name !== 'template' && values[name] !== undefined);
  if (given.length) throw new UsageError(`--${given[0]} goes with --template NAME.`);
}

/** `connections add --template NAME [-a APP_ID] …`: a connection (draft) from a template. */
export async function addFromTemplate(values: Record<string, string | boolean | string[] | undefined>, io: CliIo): Promise<void> {
  return (await import('./catalog-run')).addFromTemplate(values, io);
}
