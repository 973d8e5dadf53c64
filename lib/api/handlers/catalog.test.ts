import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { catalogListSchema } from '@/lib/catalog/catalog-api-schemas';
import { seedUser } from '@/test/db-fixtures';
import { errorResponse, type ApiResponse } from '../api-response';
import type { ApiRequest } from '../api-request';
import { runApi } from '../run-api';
import { buildOpenApiDocument } from '../openapi';
import { catalogExportHandler, catalogHandler } from './catalog';

async function get<P>(handler: Parameters<typeof runApi<P>>[3], path: string, params: P, signedIn = true): Promise<ApiResponse> {
  const request: ApiRequest = { method: 'GET', url: new URL(`http://localhost${path}`), header: () => undefined, readBody: async () => '' };
  const member = await seedUser('member');
  try {
    return await runApi(request, params, async () => (signedIn ? member : null), handler);
  } catch (e) {
    return errorResponse(e);
  }
}

describe('GET /api/v1/catalog', () => {
  it('lists templates in the documented shape, filtered by search and category', async () => {
    const all = await get(catalogHandler, '/api/v1/catalog', {});
    expect(all.status).toBe(200);
    const body = catalogListSchema.parse(JSON.parse(all.body));
    expect(body.templates.length).toBeGreaterThanOrEqual(60);
    const github = body.templates.find((t) => t.template.name === 'github')!;
    expect(github.logo?.hex).toMatch(/^[0-9A-F]{6}$/);
    expect(github.template.oauth?.token_url).toBe('https://github.com/login/oauth/access_token');
    const byWord = catalogListSchema.parse(JSON.parse((await get(catalogHandler, '/api/v1/catalog?search=entra', {})).body));
    expect(byWord.templates.map((t) => t.template.name)).toEqual(['microsoft']);
    const ai = catalogListSchema.parse(JSON.parse((await get(catalogHandler, '/api/v1/catalog?category=ai', {})).body));
    expect(ai.templates.every((t) => t.template.categories.includes('ai'))).toBe(true);
  });

  it('needs a signed-in caller and refuses a bad query', async () => {
    expect((await get(catalogHandler, '/api/v1/catalog', {}, false)).status).toBe(401);
    const bad = await get(catalogHandler, '/api/v1/catalog?category=nope', {});
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.fields).toHaveProperty('category');
  });

  it('exports one template as a kind: connection file, 404 for an unknown one', async () => {
    const yaml = await get(catalogExportHandler, '/api/v1/catalog/gitlab/export', { name: 'gitlab' });
    expect(yaml.status).toBe(200);
    expect(yaml.contentType).toContain('yaml');
    expect(parse(yaml.body)).toMatchObject({ kind: 'connection', app_id: 'gitlab', environments: { draft: { server_url: 'https://{host}/api/v4' } } });
    expect((await get(catalogExportHandler, '/api/v1/catalog/nope/export', { name: 'nope' })).status).toBe(404);
  });

  it('is in the OpenAPI document', () => {
    const doc = buildOpenApiDocument('http://localhost:3000');
    expect(doc.paths['/catalog'].get.operationId).toBe('listCatalog');
    expect(JSON.stringify(doc.components.schemas.CatalogList)).toContain('token_url');
  });
});
