import * as z from 'zod';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { DISPLAY_STATUSES } from '@/lib/credentials/credential-status';
import { CONNECTION_TYPES, IMPLICIT_FLOW_MESSAGE, KINDS } from '@/lib/connections/kinds';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';

/**
 * The shapes the API answers with. The OpenAPI description is generated from these and from the
 * input schemas the console uses; the API tests parse real answers with them, so they cannot drift.
 */

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    fields: z.record(z.string(), z.string()).describe('Field path → message, for bad input.'),
    connect_url: z.url().optional().describe('Only with member_must_connect: where to send the user.'),
    issues: z
      .array(z.object({ document: z.number().int(), path: z.string(), line: z.number().int().nullable(), message: z.string() }))
      .optional()
      .describe('Only for imports: every problem with its document (0-based) and line.'),
  }),
});

const environmentSummarySchema = z.object({ kind: z.enum(KINDS), type: z.enum(CONNECTION_TYPES), status: z.enum(DISPLAY_STATUSES) }).nullable();

export const connectionListSchema = z.object({
  items: z.array(
    z.object({
      app_id: z.string(),
      resource: z.object({ component: z.string().nullable(), category: z.string().nullable() }),
      environments: z.object({ draft: environmentSummarySchema, live: environmentSummarySchema }),
      updated_at: z.string(),
    }),
  ),
  next_cursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page.'),
  total: z.number().int(),
});

export const credentialsResultSchema = z.object({
  app_id: z.string(),
  env: z.enum(['draft', 'live']),
  owners: z.array(z.string()).describe('"team" and/or the email of the member whose values were set.'),
  fields: z.array(z.string()),
});

export const runtimeCredentialsSchema = z.object({
  kind: z.enum(KINDS),
  server_url: z.string().nullable(),
  credentials: z
    .record(z.string(), z.unknown())
    .describe('basic: username, password; bearer: token; api_key: api_key; key_value: entries; OAuth kinds: access_token, token_type, expires_at, scopes. Plus parameters when the connection asks for them.'),
  custom_config_entries: z.record(z.string(), z.string()),
  config: z.record(z.string(), z.string()).describe('The builder’s config values (SPEC §3).'),
});

const warningsSchema = z
  .array(z.string())
  .describe(`What was accepted but will not run, one line each; today a deprecated kind: "${IMPLICIT_FLOW_MESSAGE}"`);

/** What create and replace answer: the stored document, plus `warnings` only when there are any. */
export const writtenConnectionSchema = connectionSchema.extend({ warnings: warningsSchema.optional() });

export const importPlanSchema = z.object({
  dry_run: z.boolean(),
  steps: z.array(
    z.object({
      app_id: z.string(),
      action: z.enum(['create', 'update']),
      environments: z.record(z.string(), z.object({ kind: z.string(), type: z.string() })),
      credentials_removed: z.number().int(),
    }),
  ),
  created: z.number().int(),
  updated: z.number().int(),
  credentials_removed: z.number().int(),
  warnings: warningsSchema,
});

export const deletedSchema = z.object({ deleted: z.literal(true), app_id: z.string() });

export const connectLinkCreatedSchema = z.object({
  id: z.string(),
  url: z.url().describe('Send this to the member: it works once, for them only, until expires_at. It is shown only in this answer.'),
  user: z.string(),
  app_id: z.string(),
  env: z.enum(['draft', 'live']),
  expires_at: z.string(),
  requested_by: z.string().nullable(),
  reason: z.string().nullable(),
  return_to: z.string().nullable(),
});
