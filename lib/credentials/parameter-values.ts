import type { AuthSettings } from '@/lib/connections/auth-settings-schema';
import { ownValue, setOwn } from '@/lib/connections/own-keys';
import type { FieldErrors } from '@/lib/errors';

type Parameter = AuthSettings['parameters'][number];

/**
 * Merges the parameter values of SPEC §3 with what is stored: every parameter is required, dropdown
 * values must be one of the options, password parameters are secrets (empty keeps the stored value).
 */
export function mergeParameters(
  parameters: Parameter[],
  input: Record<string, string | null> | undefined,
  stored: { public: Record<string, string>; secret: Record<string, string> },
  errors: FieldErrors,
): { public: Record<string, string>; secret: Record<string, string> } {
  const out = { public: {} as Record<string, string>, secret: {} as Record<string, string> };
  const known = new Set(parameters.map((p) => p.key));
  for (const key of Object.keys(input ?? {})) {
    if (!known.has(key)) errors[`parameters.${key}`] = `"${key}" is not a parameter of this connection.`;
  }
  for (const p of parameters) {
    const given = ownValue(input, p.key);
    const storedValue = ownValue(p.type === 'password' ? stored.secret : stored.public, p.key);
    // Omitted keeps the stored value; so does an empty password (write-only in the browser).
    const keep = given === undefined || (given === '' && p.type === 'password');
    const value = keep ? storedValue : (given ?? undefined);
    if (value === undefined || value === '') {
      errors[`parameters.${p.key}`] = `${p.label} is required.`;
      continue;
    }
    if (p.type === 'dropdown' && !p.options?.includes(value)) {
      errors[`parameters.${p.key}`] = `${p.label} must be one of: ${p.options?.join(', ')}.`;
      continue;
    }
    setOwn(p.type === 'password' ? out.secret : out.public, p.key, value);
  }
  return out;
}
