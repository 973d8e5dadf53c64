import * as z from 'zod';
import { KIND_REGISTRY, KINDS, normalizeKind, type FieldInput, type Kind } from './kinds';
import { scopeChoiceSchema, type ScopeChoice } from './resolve-scopes';
import {
  authEntriesSchema,
  keyValueRecord,
  MAX_TEXT,
  optionalText,
  optionalUrl,
  scopeListSchema,
  secretValue,
  sendViaSchema,
  tokenEntriesSchema,
} from './value-schemas';

/**
 * Credentials input (SPEC §2 field names), a discriminated union by kind generated from the registry.
 * Every field is optional here: which ones are required depends on what is already stored and on
 * who sets them, so `setCredentials` checks that after merging.
 *
 * An omitted field keeps the stored value (the CLI sets a kind in steps, an API caller may send one
 * field). A non-secret field sent blank or `null` comes out `null`, which clears it: the console form
 * sends every field, so emptying one there removes it. Secrets keep their own rule (`secretValue`).
 */

const fieldValueSchema: Record<FieldInput, z.ZodType> = {
  text: optionalText,
  secret: secretValue,
  url: optionalUrl,
  grant_type: optionalText,
  scope: scopeListSchema.optional(),
  send_via: sendViaSchema,
  entries: keyValueRecord.nullable().optional().transform((v) => (v && Object.keys(v).length === 0 ? undefined : v)),
  token_entries: tokenEntriesSchema.optional(),
  auth_entries: authEntriesSchema.optional(),
};

function clearable(schema: z.ZodType) {
  return schema
    .nullable()
    .transform((v) => (v === undefined || (Array.isArray(v) && v.length === 0) ? null : v))
    .optional();
}

export const parameterValuesSchema = z.record(
  z.string().max(64),
  z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v == null ? v : String(v))).pipe(z.string().max(MAX_TEXT).nullable()),
);

/**
 * The registry's fields of a kind, and `scope_choice` for OAuth kinds only (elsewhere the key is
 * unknown, and refused as such). Field names are data, so their values are typed `unknown`.
 */
function fieldsShape(kind: Kind): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of KIND_REGISTRY[kind].fields) {
    shape[field.name] = field.secret ? fieldValueSchema[field.input] : clearable(fieldValueSchema[field.input]);
  }
  return shape;
}

const scopeChoiceShape = (kind: Kind): Record<string, z.ZodType> => (KIND_REGISTRY[kind].grant !== null ? { scope_choice: scopeChoiceSchema.optional() } : {});

/** Optional expiry date of any credential (not secret), for reminders (lib/health/credential-expiry.ts). */
export const expiresOnSchema = z
  .union([z.iso.date({ error: 'Expires on must be a date like 2027-01-31.' }), z.literal(''), z.null()])
  .transform((v) => (v ? v : null))
  .optional();

function kindMember<K extends Kind>(kind: K) {
  return z.strictObject({ kind: z.literal(kind), ...fieldsShape(kind), expires_on: expiresOnSchema, parameters: parameterValuesSchema.optional(), ...scopeChoiceShape(kind) });
}

const [firstMember, ...otherMembers] = KINDS.map((kind) => kindMember(kind));

/** Accepts kind aliases and the nested `identity_provider: { url, client_id, ... }` of on-behalf-of. */
function normalizeInput(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  if (typeof out.kind === 'string') out.kind = normalizeKind(out.kind) ?? out.kind;
  const idp = out.identity_provider;
  if (idp && typeof idp === 'object' && !Array.isArray(idp)) {
    delete out.identity_provider;
    for (const [key, value] of Object.entries(idp)) out[`idp_${key}`] = value;
  }
  return out;
}

// Typed as an object on the way in (forms hand it their field values); anything else is refused by the union.
export const credentialsInputSchema = z.preprocess(
  (input: Record<string, unknown>) => normalizeInput(input),
  z.discriminatedUnion('kind', [firstMember, ...otherMembers], { error: `Kind must be one of: ${KINDS.join(', ')}.` }),
);

/**
 * What the schema outputs (`kind`, `parameters` inferred). The registry's field names are data
 * (KIND_REGISTRY), so fields are read by name as `unknown`; `scope_choice` exists on the OAuth
 * members only, which the union cannot say of a property read on any member.
 */
export type CredentialsInput = z.output<typeof credentialsInputSchema> & { scope_choice?: ScopeChoice; readonly [field: string]: unknown };

export function parseCredentialsInput(kind: Kind, body: unknown): z.ZodSafeParseResult<CredentialsInput> {
  const withKind = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, kind } : body;
  return credentialsInputSchema.safeParse(withKind);
}
