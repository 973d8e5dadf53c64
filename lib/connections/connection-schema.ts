import * as z from 'zod';
import { authSettingsSchema } from './auth-settings-schema';
import { CONNECTION_TYPES, KIND_REGISTRY, KINDS, normalizeKind, type Kind } from './kinds';
import { appIdSchema, headerRecord, keyValueRecord, optionalText, serverUrl } from './value-schemas';

/** The connection document of SPEC §2 (watsonx Orchestrate `kind: connection`). */

export const kindSchema = z
  .string({ error: 'Kind is required.' })
  .transform((value, ctx): Kind => {
    const kind = normalizeKind(value.trim());
    if (!kind) {
      ctx.addIssue({ code: 'custom', message: `Unknown kind "${value.slice(0, 60)}". Use one of: ${KINDS.join(', ')}.` });
      return z.NEVER;
    }
    return kind;
  });

// YAML booleans only (and their JSON/form strings): `sso: no` is an error, never a guess.
const booleanish = z
  .union([z.boolean(), z.enum(['true', 'false'])], {
    error: (issue) => `sso must be true or false (a YAML boolean); got ${JSON.stringify(issue.input)?.slice(0, 40) ?? 'nothing'}.`,
  })
  .transform((v) => v === true || v === 'true');

// Strict objects: an unknown key (a typo such as `typ:`) is an error naming its path, never dropped.
export const environmentConfigSchema = z
  .strictObject({
    kind: kindSchema,
    // Files must name it (readConnectionDocument, as the ADK); the console and API default to team.
    type: z.enum(CONNECTION_TYPES, { error: 'Type must be team or member.' }).default('team'),
    server_url: serverUrl,
    sso: booleanish.default(false),
    idp_config: z.strictObject({ header: headerRecord.default({}), body: keyValueRecord.default({}) }).optional(),
    app_config: z.strictObject({ header: headerRecord.default({}) }).optional(),
    custom_config_entries: keyValueRecord.optional(),
    auth_settings: authSettingsSchema.optional(),
  })
  .superRefine((env, ctx) => {
    const def = KIND_REGISTRY[env.kind];
    if (env.sso && def.sso === 'forbidden') {
      ctx.addIssue({
        code: 'custom',
        path: ['sso'],
        message: 'SSO is only for on-behalf-of, token exchange and direct access connections.',
      });
    }
    if (!env.sso && def.sso === 'required') {
      ctx.addIssue({ code: 'custom', path: ['sso'], message: `${def.label} requires sso: true.` });
    }
    if (env.sso && env.type !== 'member') {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'SSO requires type: member.' });
    } else if (!def.allowedTypes.includes(env.type)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `${def.label} connections cannot be ${env.type}.` });
    }
    if (def.needsIdpConfig && !env.idp_config) {
      ctx.addIssue({ code: 'custom', path: ['idp_config'], message: `${def.label} requires idp_config.` });
    }
  });

export const connectionSchema = z.strictObject({
  // `1.0.0` appears in files written for other Orchestrate resources; both mean the one version there is.
  spec_version: z
    .enum(['v1', '1.0.0'], { error: 'spec_version must be v1.' })
    .default('v1')
    .transform((): 'v1' => 'v1'),
  kind: z.literal('connection', { error: 'kind must be connection.' }).default('connection'),
  app_id: appIdSchema,
  resource: z.strictObject({ component: optionalText, category: optionalText }).optional(),
  environments: z
    .strictObject({ draft: environmentConfigSchema.optional(), live: environmentConfigSchema.optional() })
    .default({}),
});

export type EnvironmentConfig = z.output<typeof environmentConfigSchema>;
export type EnvironmentConfigInput = z.input<typeof environmentConfigSchema>;
export type ConnectionDocument = z.output<typeof connectionSchema>;
export type ConnectionDocumentInput = z.input<typeof connectionSchema>;
