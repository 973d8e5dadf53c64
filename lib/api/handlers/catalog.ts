import 'server-only';
import { findTemplate, logoFor, searchCatalog } from '@/lib/catalog/catalog';
import { catalogQuerySchema, catalogTemplateParamsSchema } from '@/lib/catalog/catalog-api-schemas';
import { templateYaml } from '@/lib/catalog/template-document';
import { notFound } from '@/lib/errors';
import { jsonResponse, textResponse } from '../api-response';
import { parseOrThrow, queryObject } from '../api-schemas';
import type { ApiHandler } from '../run-api';

/** GET /api/v1/catalog[?search=&category=]: the provider templates (any signed-in caller). */
export const catalogHandler: ApiHandler<unknown> = ({ request }) => {
  const query = parseOrThrow(catalogQuerySchema, queryObject(request.url));
  const templates = searchCatalog(query.search)
    .filter((entry) => !query.category || entry.categories.includes(query.category))
    .map((template) => ({ template, logo: logoFor(template) ?? null }));
  return jsonResponse(200, { templates });
};

/** GET /api/v1/catalog/{name}/export: the template as a `kind: connection` file. */
export const catalogExportHandler: ApiHandler<{ name: string }> = ({ params }) => {
  const { name } = parseOrThrow(catalogTemplateParamsSchema, params);
  const entry = findTemplate(name);
  if (!entry) throw notFound(`The template "${name}"`);
  return textResponse(200, templateYaml(entry), 'application/yaml; charset=utf-8', { 'content-disposition': `attachment; filename="${name}.yaml"` });
};
