import * as z from 'zod';
import { rawEnvironment } from '@/lib/env';

/** The console's own identity provider (issue 15): all three of issuer, client id and secret, or none. */
const oidcEnvSchema = z
  .object({
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ALLOW_SIGNUP: z.enum(['0', '1', 'true', 'false']).optional(),
    OIDC_ADMIN_GROUP: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).max(60).optional(),
  })
  .refine((e) => [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length % 3 === 0, {
    message: 'Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none of them).',
  });

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; allowSignup: boolean; adminGroup: string | null; name: string };

let cached: OidcSettings | null | undefined;

/** Read once; null when sign-in with an identity provider is not configured. */
export function oidcSettings(source: Record<string, string | undefined> = rawEnvironment()): OidcSettings | null {
  if (cached !== undefined && source === rawEnvironment()) return cached;
  const parsed = oidcEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid OIDC settings: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  const e = parsed.data;
  const settings = e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
    ? {
        issuer: e.OIDC_ISSUER.replace(/\/$/, ''),
        clientId: e.OIDC_CLIENT_ID,
        clientSecret: e.OIDC_CLIENT_SECRET,
        allowSignup: e.OIDC_ALLOW_SIGNUP === '1' || e.OIDC_ALLOW_SIGNUP === 'true',
        adminGroup: e.OIDC_ADMIN_GROUP ?? null,
        name: e.OIDC_NAME ?? 'your identity provider',
      }
    : null;
  if (source === rawEnvironment()) cached = settings;
  return settings;
}

/** The role a new user gets: admin when the groups claim holds OIDC_ADMIN_GROUP. */
export function roleFromClaims(claims: Record<string, unknown>, adminGroup: string | null): 'admin' | 'member' {
  if (!adminGroup) return 'member';
  const groups = claims.groups ?? claims.roles;
  const list = Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? groups.split(/[\s,]+/) : [];
  return list.includes(adminGroup) ? 'admin' : 'member';
}
