import { AppError } from '@/lib/errors';
import { hostMatches } from './host-patterns';
import { ownValue } from './own-keys';

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** The URL fields whose `{key}` placeholders are filled (SPEC §3), plus on-behalf-of's idp_url. */
export const TEMPLATE_URL_FIELDS = ['server_url', 'token_url', 'authorization_url', 'idp_url'] as const;
export type TemplateUrlField = (typeof TEMPLATE_URL_FIELDS)[number];

/** Keys referenced as `{key}` in a URL template, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Fills `{key}` placeholders of server_url, token_url and authorization_url from parameter and
 * config values (SPEC §3). Values are URL-encoded so a value cannot change the URL's structure.
 * A placeholder without a value is an error naming the field, never a request to a broken URL.
 */
export function fillPlaceholders(template: string, values: Record<string, string | undefined>, field = 'url'): string {
  const missing = placeholdersIn(template).filter((key) => !ownValue(values, key));
  if (missing.length) {
    const list = missing.map((k) => `{${k}}`).join(', ');
    throw new AppError('bad_input', `${field} needs a value for ${list}: set the parameter or config value first.`, {
      [field]: `No value for ${list}.`,
    });
  }
  // In the host part (`https://{host}/…`) a port stays a port: `gitlab.example.com:8443`.
  const schemeEnd = template.indexOf('://');
  const authorityEnd = schemeEnd < 0 ? -1 : (template.indexOf('/', schemeEnd + 3) + 1 || template.length + 1) - 1;
  return template.replace(PLACEHOLDER, (_, key: string, offset: number) => {
    const encoded = encodeURIComponent(ownValue(values, key) as string);
    return schemeEnd >= 0 && offset > schemeEnd && offset < authorityEnd ? encoded.replace(/%3A/gi, ':') : encoded;
  });
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Stands in for a parameter when working out where the builder's template points by itself. */
const NEUTRAL = 'placeholder';

/**
 * Fills a URL template where the builder's values are trusted (config values, and parameters an
 * admin set on the team's credentials) and a member's own parameters are not: a parameter may fill a path or query, but may not
 * change the scheme, host or port the builder's template points to, unless the resulting host is in
 * the builder's `allowed_hosts` for this URL (Okta-style `https://{domain}/token` with `*.okta.com`).
 * Without that rule a member could aim the token request, and the shared client secret, at their own
 * server. A result that is not a valid URL is bad input (400), not a crash.
 */
export function fillUrlTemplate(
  template: string,
  values: { trusted: Record<string, string>; untrusted: Record<string, string> },
  options: { field: string; allowedHosts?: readonly string[] },
): string {
  const { field } = options;
  // The builder's values win: an undeclared member parameter cannot override one.
  const filled = fillPlaceholders(template, { ...values.untrusted, ...values.trusted }, field);
  const url = parse(filled);
  if (!url) throw new AppError('bad_input', `${field} is not a valid URL once its placeholders are filled.`, { [field]: 'Not a valid URL with these values: check the parameters.' });
  const fromParameters = placeholdersIn(template).filter((key) => !ownValue(values.trusted, key));
  if (!fromParameters.length) return filled;
  const neutral: Record<string, string> = Object.fromEntries(fromParameters.map((key) => [key, NEUTRAL]));
  const reference = parse(fillPlaceholders(template, { ...neutral, ...values.trusted }, field));
  if (reference && reference.protocol === url.protocol && reference.host === url.host) return filled;
  const literalScheme = /^(https?):\/\//i.exec(template)?.[1]?.toLowerCase();
  const allowed = options.allowedHosts ?? [];
  if (allowed.length && literalScheme && url.protocol === `${literalScheme}:` && (!reference || reference.port === url.port) && hostMatches(url.hostname, allowed)) {
    return filled;
  }
  const message = allowed.length
    ? `${field}: the parameters would send this request to ${url.host}, which is not in the allowed hosts for ${field}.`
    : `${field}: parameters may not change the scheme, host or port of ${field} (the builder can list allowed hosts for it).`;
  throw new AppError('bad_input', message, { [field]: message });
}

/** The builder's allowed hosts for one URL field of an environment (auth settings `allowed_hosts`). */
export function allowedHostsFor(environment: { authSettings: unknown }, field: TemplateUrlField): string[] {
  const settings = environment.authSettings as { allowed_hosts?: Partial<Record<TemplateUrlField, string[]>> } | null;
  return settings?.allowed_hosts?.[field] ?? [];
}
