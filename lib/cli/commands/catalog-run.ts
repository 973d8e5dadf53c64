// The catalog commands' work, loaded only when one runs: other commands start without parsing the catalog.
import fs from 'node:fs';
import { CLI_ACTOR } from '@/lib/auth/actor';
import { findTemplate, searchCatalog } from '@/lib/catalog/catalog';
import { CATALOG_KINDS, type CatalogKind } from '@/lib/catalog/catalog-schema';
import { createFromAnyTemplate } from '@/lib/catalog/create-from-template';
import { templateInputSchema, templateYaml } from '@/lib/catalog/template-document';
import { AppError } from '@/lib/errors';
import { list, str, UsageError, type CliIo } from '../cli-types';
import { boxTable } from '../box-table';

export function runCatalog(values: Record<string, string | boolean | string[] | undefined>, io: CliIo): void {
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
}

function keyValues(items: string[]): Record<string, string> {
  return Object.fromEntries(
    items.map((item) => {
      const eq = item.indexOf('=');
      if (eq < 1) throw new UsageError(`-p/--parameter takes key=value, not "${item}".`);
      return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
    }),
  );
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
