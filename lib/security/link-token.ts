import crypto from 'node:crypto';

/**
 * Tokens of single-use links (connect links, invitations, password resets): 256 random bits,
 * stored only as a SHA-256 hash, so a copy of the database opens no link.
 */
export function generateLinkToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${crypto.randomBytes(32).toString('base64url')}`;
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Shape check before any lookup: a link token is short, printable and URL-safe. */
export function looksLikeLinkToken(value: string, prefix: string): boolean {
  return value.startsWith(prefix) && /^[A-Za-z0-9_-]{20,120}$/.test(value);
}
