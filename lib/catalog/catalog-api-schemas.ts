import * as z from 'zod';
import { CATALOG_CATEGORIES, catalogEntrySchema } from './catalog-schema';

/** GET /api/v1/catalog: its query and answer, also used for the OpenAPI description. */
export const catalogQuerySchema = z.strictObject({
  search: z.string().trim().max(200, 'search is at most 200 characters.').optional(),
  category: z.enum(CATALOG_CATEGORIES, { error: `category must be one of: ${CATALOG_CATEGORIES.join(', ')}.` }).optional(),
});

export const catalogTemplateParamsSchema = z.object({ name: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'Not a template name.') });

export const catalogListSchema = z.object({
  templates: z.array(
    z.object({
      template: catalogEntrySchema,
      logo: z.object({ title: z.string(), hex: z.string(), path: z.string() }).nullable(),
    }),
  ),
});
