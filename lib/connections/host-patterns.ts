import * as z from 'zod';

/**
 * Host patterns as the builder writes them: `idp.example.com` (that host) or `*.okta.com`
 * (any subdomain of okta.com, not okta.com itself). A wildcard needs at least two labels after it.
 */
export const hostPatternSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'A host is at most 253 characters.')
  .regex(/^(\*\.[a-z0-9-]+(\.[a-z0-9-]+)+|[a-z0-9-]+(\.[a-z0-9-]+)*)$/, 'Use a host such as idp.example.com or *.okta.com (a wildcard needs a domain like *.example.com).');

export function hostMatches(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return patterns.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p));
}
