import { AppError } from '@/lib/errors';

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

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
  const missing = placeholdersIn(template).filter((key) => !values[key]);
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
    const encoded = encodeURIComponent(values[key] as string);
    return schemeEnd >= 0 && offset > schemeEnd && offset < authorityEnd ? encoded.replace(/%3A/gi, ':') : encoded;
  });
}
