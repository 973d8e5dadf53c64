import { stringify } from 'yaml';
import * as z from 'zod';
import type { ConnectionDocumentInput } from '@/lib/connections/connection-schema';
import { appIdSchema, optionalText, optionalUrl, secretValue } from '@/lib/connections/value-schemas';
import type { FieldErrors } from '@/lib/errors';
import { CATALOG_KINDS, type CatalogEntry, type CatalogKind } from './catalog-schema';

/**
 * A template turned into a connection: the `kind: connection` document (kind, type, server URL,
 * auth settings with the scopes and the parameters as config values) and the client registration
 * (URLs, send_via, auth entries) for OAuth kinds. One schema for the form, the action, the API and the CLI.
 */

export const templateRegistrationSchema = z.strictObject({
  client_id: optionalText,
  client_secret: secretValue,
  authorization_url: optionalUrl,
  token_url: optionalUrl,
  send_via: z.enum(['header', 'body']).optional(),
});

export const templateInputSchema = z.strictObject({
  template: z.string().trim().min(1, 'Choose a template.').max(60),
  app_id: appIdSchema,
  kind: z.enum(CATALOG_KINDS).optional(),
  type: z.enum(['team', 'member']).optional(),
  parameters: z.record(z.string().max(64), z.string().trim().max(300)).default({}),
  /** The scopes to request; absent: the template's default scopes. */
  scopes: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  registration: templateRegistrationSchema.optional(),
  /** MCP server templates: the server's URL; the rest is discovered (RFC 9728, RFC 8414, RFC 7591). */
  mcp: z.strictObject({ server_url: optionalUrl }).optional(),
});

export type TemplateInput = z.input<typeof templateInputSchema>;
export type TemplateRequest = z.output<typeof templateInputSchema>;

export const isOAuthCatalogKind = (kind: CatalogKind) => kind.startsWith('oauth_');

export function defaultScopes(entry: CatalogEntry): string[] {
  return entry.oauth?.scopes.default.map((s) => s.name) ?? [];
}

/** Checks the choices against the template; field errors are keyed like the form's fields. */
export function checkTemplateChoices(entry: CatalogEntry, request: TemplateRequest): FieldErrors {
  const errors: FieldErrors = {};
  if (request.kind && !entry.kinds.includes(request.kind)) errors.kind = `${entry.display_name} works with ${entry.kinds.join(', ')}.`;
  for (const p of entry.parameters) {
    const value = request.parameters[p.key] ?? '';
    if (!value) errors[`parameters.${p.key}`] = `${p.label} is required.`;
    else if (!new RegExp(`^(?:${p.pattern})$`).test(value)) errors[`parameters.${p.key}`] = `${p.label} does not look right, e.g. ${p.example}.`;
  }
  const known = new Set([...(entry.oauth?.scopes.default ?? []), ...(entry.oauth?.scopes.optional ?? [])].map((s) => s.name));
  // Discovered providers publish their own scopes: any well-formed name is fine there.
  const unknown = entry.setup ? [] : (request.scopes ?? []).filter((s) => !known.has(s));
  if (unknown.length) errors.scopes = `Not a scope of ${entry.display_name}: ${unknown.join(', ')}.`;
  const kind = request.kind ?? entry.kinds[0];
  if (kind === 'key_value' && request.type === 'member') errors.type = 'Key-value connections are team connections.';
  return errors;
}

export function templateDocument(entry: CatalogEntry, request: Pick<TemplateRequest, 'app_id' | 'kind' | 'type' | 'parameters' | 'scopes'>, serverUrl = entry.server_url): ConnectionDocumentInput {
  const kind = request.kind ?? entry.kinds[0];
  const oauth = isOAuthCatalogKind(kind) ? entry.oauth : undefined;
  const scopes = request.scopes ?? defaultScopes(entry);
  const auth = {
    ...(oauth && scopes.length ? { scopes: { delimiter: oauth.scopes.delimiter, items: scopes.map((name) => ({ name, required: false })) } } : {}),
    config_values: entry.parameters.map((p) => ({ key: p.key, label: p.label, type: 'text' as const, value: request.parameters[p.key] ?? '', visible: true })),
    ...(oauth?.token_request ? { token_request: oauth.token_request } : {}),
  };
  const hasAuth = Boolean(auth.scopes || auth.config_values.length || auth.token_request);
  return {
    spec_version: 'v1',
    kind: 'connection',
    app_id: request.app_id,
    environments: {
      draft: {
        kind,
        type: kind === 'key_value' ? 'team' : (request.type ?? (oauth ? entry.type : 'team')),
        ...(serverUrl ? { server_url: serverUrl } : {}),
        ...(hasAuth ? { auth_settings: auth } : {}),
      },
    },
  };
}

export type RegistrationExtras = { resource?: string };

/** The client registration the template fills in (team row): URLs as typed (placeholders kept). */
export function templateRegistration(entry: CatalogEntry, kind: CatalogKind, registration: TemplateRequest['registration'], extras: RegistrationExtras = {}) {
  const oauth = entry.oauth;
  const values: Record<string, unknown> = {
    kind,
    client_id: registration?.client_id,
    client_secret: registration?.client_secret,
    token_url: registration?.token_url ?? oauth?.token_url,
  };
  if (kind === 'oauth_auth_code_flow') {
    values.authorization_url = registration?.authorization_url ?? oauth?.authorization_url;
    values.auth_entries = Object.entries(oauth?.auth_entries ?? {}).map(([key, value]) => ({ location: 'query', key, value }));
  }
  // RFC 8707: the resource indicator on the authorization request and on every token request.
  if (extras.resource) {
    values.auth_entries = [...((values.auth_entries as unknown[]) ?? []), { location: 'query', key: 'resource', value: extras.resource }];
    values.token_entries = [{ location: 'body', key: 'resource', value: extras.resource }];
  }
  const sendVia = registration?.send_via ?? oauth?.send_via;
  if (sendVia) values.send_via = sendVia;
  return values;
}

/**
 * The template as a `kind: connection` file (SPEC §2; the builder settings block is `auth_settings:`).
 * A file holds no credentials, so the client registration is given as comments with the CLI line.
 */
export function templateYaml(entry: CatalogEntry, parameters: Record<string, string> = {}): string {
  const doc = templateDocument(entry, { app_id: entry.name, parameters: Object.fromEntries(entry.parameters.map((p) => [p.key, parameters[p.key] ?? p.example])) });
  const header = [`# ${entry.display_name}: ${entry.description}`, `# Register the app: ${entry.docs_url}`];
  if (entry.oauth && isOAuthCatalogKind(entry.kinds[0])) {
    const flags = [`--client-id YOUR_CLIENT_ID --client-secret YOUR_CLIENT_SECRET`];
    if (entry.oauth.authorization_url && entry.kinds[0] === 'oauth_auth_code_flow') flags.push(`--authorization-url '${entry.oauth.authorization_url}'`);
    if (entry.oauth.token_url) flags.push(`--token-url '${entry.oauth.token_url}'`);
    if (entry.oauth.send_via) flags.push(`--send-via ${entry.oauth.send_via}`);
    header.push(`# Then set the client registration: npx connections set-credentials -a ${entry.name} --env draft ${flags.join(' ')}`);
  }
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}
