import * as z from 'zod';
import { placeholdersIn } from '@/lib/connections/fill-placeholders';

/**
 * The shape of one provider template in providers.yaml. Every entry is parsed with this schema
 * when the catalog module loads (so a broken entry fails `next build`) and in catalog.test.ts.
 */

export const CATALOG_CATEGORIES = [
  'ai',
  'cloud',
  'communication',
  'crm',
  'data',
  'design',
  'developer',
  'ecommerce',
  'finance',
  'hr',
  'identity',
  'marketing',
  'mcp',
  'monitoring',
  'productivity',
  'project_management',
  'sales',
  'social',
  'storage',
  'support',
] as const;

export const CATALOG_KINDS = ['oauth_auth_code_flow', 'oauth_auth_client_credentials_flow', 'api_key', 'bearer', 'basic', 'key_value'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

const oneLine = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\n]+$/, 'One line only.');
const httpsUrl = z.string().url().startsWith('https://', 'Catalog URLs use https.');
/** An https URL that may hold `{parameter}` placeholders, as SPEC §3 fills them. */
const templateUrl = z
  .string()
  .startsWith('https://', 'Catalog URLs use https.')
  .refine((v) => URL.canParse(v.replace(/\{[A-Za-z0-9_]+\}/g, 'x')), 'Not a URL, even with its placeholders filled.');

const scopeSchema = z.strictObject({
  name: z.string().min(1).max(200).regex(/^[^\s,]+$/, 'A scope name has no spaces or commas.'),
  description: oneLine(160),
});

export const catalogParameterSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: oneLine(80),
    /** A regular expression the whole value must match (anchors added when used). */
    pattern: z.string().min(1).max(300),
    example: oneLine(200),
    hint: oneLine(200).optional(),
  })
  .superRefine((p, ctx) => {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${p.pattern})$`);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Not a valid regular expression.' });
      return;
    }
    if (!re.test(p.example)) ctx.addIssue({ code: 'custom', path: ['example'], message: `The example does not match the pattern ${p.pattern}.` });
  });

const oauthSchema = z.strictObject({
  authorization_url: templateUrl.optional(),
  /** Absent only on templates whose URLs come from discovery (`setup`). */
  token_url: templateUrl.optional(),
  scopes: z
    .strictObject({
      delimiter: z.enum(['space', 'comma']).default('space'),
      default: z.array(scopeSchema).default([]),
      optional: z.array(scopeSchema).default([]),
    })
    .default({ delimiter: 'space', default: [], optional: [] }),
  /** Client authentication at the token endpoint: header (client_secret_basic) or body (client_secret_post). */
  send_via: z.enum(['header', 'body']).optional(),
  /** Extra query parameters on the authorization URL, e.g. Google's access_type=offline. */
  auth_entries: z.record(z.string().regex(/^[a-z_]+$/), z.string().min(1).max(200)).optional(),
  token_request: z
    .strictObject({
      content_type: z.enum(['application/x-www-form-urlencoded', 'application/json']).default('application/x-www-form-urlencoded'),
      response_token_key: z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/).default('access_token'),
    })
    .optional(),
});

export const catalogEntrySchema = z
  .strictObject({
    /** The template's id: also the suggested app id, so letters, digits and underscores. */
    name: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'Lowercase letters, digits and underscores.'),
    display_name: oneLine(60),
    description: oneLine(160),
    /** A simple-icons slug; without one the gallery shows a lettered badge. */
    logo: z.string().regex(/^[a-z0-9]+$/).optional(),
    categories: z.array(z.enum(CATALOG_CATEGORIES)).min(1).max(4),
    /** The kinds this provider works with; the first is the default. */
    kinds: z.array(z.enum(CATALOG_KINDS)).min(1),
    type: z.enum(['team', 'member']).default('team'),
    /**
     * `discovery`: the URLs come from the issuer's metadata ("Fill from issuer URL").
     * `mcp`: from the MCP server's protected resource metadata, with dynamic client registration.
     */
    setup: z.enum(['discovery', 'mcp']).optional(),
    server_url: templateUrl.optional(),
    docs_url: httpsUrl,
    oauth: oauthSchema.optional(),
    parameters: z.array(catalogParameterSchema).max(6).default([]),
    /** key_value: the keys a credential set holds. */
    credential_keys: z.array(z.string().regex(/^[A-Za-z0-9_]+$/)).optional(),
    /** Provider-specific steps shown before the generic ones (register, paste the redirect URI…). */
    steps: z.array(oneLine(300)).max(8).default([]),
  })
  .superRefine((entry, ctx) => {
    const needsOAuth = entry.kinds.some((k) => k.startsWith('oauth_'));
    if (entry.setup === 'mcp' && (entry.kinds.length !== 1 || entry.kinds[0] !== 'oauth_auth_code_flow')) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'An MCP server template is oauth_auth_code_flow.' });
    if (needsOAuth && !entry.oauth) ctx.addIssue({ code: 'custom', path: ['oauth'], message: 'An OAuth kind needs an oauth block.' });
    if (!needsOAuth && entry.oauth) ctx.addIssue({ code: 'custom', path: ['oauth'], message: 'Only OAuth kinds take an oauth block.' });
    if (entry.oauth && !entry.setup && !entry.oauth.token_url) ctx.addIssue({ code: 'custom', path: ['oauth', 'token_url'], message: 'A token URL is required (or a setup that discovers it).' });
    if (entry.kinds.includes('oauth_auth_code_flow') && !entry.setup && !entry.oauth?.authorization_url) {
      ctx.addIssue({ code: 'custom', path: ['oauth', 'authorization_url'], message: 'The authorization code flow needs an authorization URL.' });
    }
    if (entry.kinds.includes('key_value') !== Boolean(entry.credential_keys?.length)) {
      ctx.addIssue({ code: 'custom', path: ['credential_keys'], message: 'credential_keys go with (and only with) key_value.' });
    }
    if (entry.kinds[0] === 'key_value' && entry.type !== 'team') ctx.addIssue({ code: 'custom', path: ['type'], message: 'key_value connections are team connections.' });
    const declared = new Set(entry.parameters.map((p) => p.key));
    const urls = { server_url: entry.server_url, 'oauth.authorization_url': entry.oauth?.authorization_url, 'oauth.token_url': entry.oauth?.token_url };
    const used = new Set<string>();
    for (const [field, url] of Object.entries(urls)) {
      for (const key of url ? placeholdersIn(url) : []) {
        used.add(key);
        if (!declared.has(key)) ctx.addIssue({ code: 'custom', path: field.split('.'), message: `{${key}} is not a declared parameter.` });
      }
    }
    entry.parameters.forEach((p, i) => {
      if (!used.has(p.key)) ctx.addIssue({ code: 'custom', path: ['parameters', i, 'key'], message: `Parameter ${p.key} is used in no URL.` });
    });
    const scopes = [...(entry.oauth?.scopes.default ?? []), ...(entry.oauth?.scopes.optional ?? [])].map((s) => s.name);
    scopes.forEach((name, i) => {
      if (scopes.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['oauth', 'scopes'], message: `Scope ${name} is listed twice.` });
    });
  });

export const catalogSchema = z
  .array(catalogEntrySchema)
  .min(1)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Duplicate template name ${e.name}.` });
      seen.add(e.name);
    });
  });

export type CatalogEntry = z.output<typeof catalogEntrySchema>;
export type CatalogParameter = z.output<typeof catalogParameterSchema>;
