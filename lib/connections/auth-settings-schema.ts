import * as z from 'zod';
import { hostPatternSchema } from './host-patterns';
import { MAX_TEXT } from './value-schemas';

/** The builder's `auth_settings:` extension of an environment (SPEC §3). */

export const MAX_ADDITIONAL_SCOPES_LENGTH = 500;

const settingKey = z
  .string()
  .trim()
  .min(1, 'A key is required.')
  .max(64, 'Keys are at most 64 characters.')
  .regex(/^[A-Za-z0-9_]+$/, 'Keys may contain only letters, digits and underscores.');
const label = z.string().trim().min(1, 'A label is required.').max(200, 'Labels are at most 200 characters.');
const scopeName = z
  .string()
  .trim()
  .min(1, 'A scope name is required.')
  .max(200, 'Scope names are at most 200 characters.')
  .regex(/^[^\s,]+$/, 'A scope name cannot contain spaces or commas.');

export const scopeSettingsSchema = z.strictObject({
  delimiter: z.enum(['space', 'comma']).default('space'),
  items: z.array(z.strictObject({ name: scopeName, required: z.boolean().default(false) })).max(200).default([]),
  allow_customize: z.boolean().default(false),
  allow_additional: z.boolean().default(false),
});

export const parameterSchema = z
  .strictObject({
    key: settingKey,
    label,
    type: z.enum(['text', 'password', 'dropdown']).default('text'),
    options: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  })
  .refine((p) => p.type !== 'dropdown' || (p.options?.length ?? 0) > 0, {
    path: ['options'],
    error: 'A dropdown needs at least one option.',
  });

export const configValueSchema = z.strictObject({
  key: settingKey,
  label,
  type: z.enum(['text', 'password']).default('text'),
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String).pipe(z.string().max(MAX_TEXT)).default(''),
  visible: z.boolean().default(true),
});

export const tokenRequestSchema = z.strictObject({
  content_type: z.enum(['application/x-www-form-urlencoded', 'application/json']).default('application/x-www-form-urlencoded'),
  response_token_key: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$/, 'Use a dot path such as access_token or data.token.')
    .default('access_token'),
});

/** A list of host patterns, or the same as one comma- or space-separated string (the editor's field). */
const hostList = z
  .union([z.array(z.string()), z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean))])
  .pipe(z.array(hostPatternSchema).max(20, 'At most 20 hosts.'));

const ALLOWED_HOST_FIELDS = ['server_url', 'token_url', 'authorization_url', 'idp_url'] as const;
type AllowedHosts = Partial<Record<(typeof ALLOWED_HOST_FIELDS)[number], string[]>>;

/**
 * Hosts that parameters may point a URL to (SPEC §3 extension): by URL field, or one list for all
 * of them (`allowed_hosts: ["*.okta.com"]`). Without it, parameters cannot change a URL's host.
 * Empty lists are dropped, so an untouched editor stores nothing.
 */
export const allowedHostsSchema = z
  .union([
    hostList,
    z.strictObject({ server_url: hostList.optional(), token_url: hostList.optional(), authorization_url: hostList.optional(), idp_url: hostList.optional() }),
  ])
  .transform((v): AllowedHosts | undefined => {
    const byField: AllowedHosts = Array.isArray(v) ? Object.fromEntries(ALLOWED_HOST_FIELDS.map((f) => [f, v])) : v;
    const kept = Object.entries(byField).filter(([, hosts]) => hosts?.length);
    return kept.length ? Object.fromEntries(kept) : undefined;
  });
/**
 * An optional request that proves static credentials work (lib/health/verify-credentials.ts): sent
 * by "Test" and daily by the sweep to `server_url` + `path` with the credentials applied.
 */
export const verificationSchema = z.strictObject({
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  path: z.string().trim().min(1, 'A path is required.').max(500, 'At most 500 characters.').regex(/^\/[^\s]*$/, 'Start the path with "/", without spaces.'),
  expected_status: z.coerce.number().int('A whole number.').min(100, 'An HTTP status (100-599).').max(599, 'An HTTP status (100-599).').default(200),
  /** Where an api_key credential goes. */
  api_key_header: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'A header name (letters, digits, dashes).').default('X-API-Key'),
});
export type VerificationSettings = z.output<typeof verificationSchema>;

function uniqueKeys<T extends { key: string }>(items: T[], ctx: z.RefinementCtx, path: string) {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: [path, index, 'key'], message: `Duplicate key "${item.key}".` });
    seen.add(item.key);
  });
}

export const authSettingsSchema = z
  .strictObject({
    scopes: scopeSettingsSchema.optional(),
    parameters: z.array(parameterSchema).max(50).default([]),
    config_values: z.array(configValueSchema).max(50).default([]),
    token_request: tokenRequestSchema.optional(),
    allowed_hosts: allowedHostsSchema.optional(),
    verification: verificationSchema.optional(),
  })
  .superRefine((settings, ctx) => {
    uniqueKeys(settings.parameters, ctx, 'parameters');
    uniqueKeys(settings.config_values, ctx, 'config_values');
    const paramKeys = new Set(settings.parameters.map((p) => p.key));
    settings.config_values.forEach((c, index) => {
      if (paramKeys.has(c.key)) {
        ctx.addIssue({ code: 'custom', path: ['config_values', index, 'key'], message: `"${c.key}" is already a parameter.` });
      }
    });
    const names = settings.scopes?.items.map((s) => s.name) ?? [];
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) {
        ctx.addIssue({ code: 'custom', path: ['scopes', 'items', index, 'name'], message: `Duplicate scope "${name}".` });
      }
    });
  });

export type AuthSettings = z.output<typeof authSettingsSchema>;
export type AuthSettingsInput = z.input<typeof authSettingsSchema>;

/** Stored form of auth settings (the `auth_settings` column): password config values sealed, never kept in clear. */
export type StoredConfigValue = AuthSettings['config_values'][number] & { sealed_value?: string };
export type StoredAuthSettings = Omit<AuthSettings, 'config_values'> & { config_values: StoredConfigValue[] };
