import type { AuthSettings } from '@/lib/connections/auth-settings-schema';
import type { FieldDef, Kind } from '@/lib/connections/kinds';
import type { ScopeChoice } from '@/lib/connections/resolve-scopes';
import type { TokenEntry } from '@/lib/connections/value-schemas';
import type { CredentialView } from './credential-view';

/**
 * The starting values of a credentials form, from the stored view: the console's credential form
 * and the member's connect form both start here. Secrets start empty (empty keeps the stored one);
 * key/value entries start as no rows; scopes as the space-separated text the field edits.
 */
export function credentialFormValues(options: {
  kind: Kind;
  fields: FieldDef[];
  parameters: Pick<AuthSettings['parameters'][number], 'key' | 'type'>[];
  view: CredentialView | null;
  /** Add the stored (or default) scope choice: OAuth kinds whose builder set scopes. */
  withScopeChoice?: boolean;
}): Record<string, unknown> {
  const stored = options.view?.values ?? {};
  const storedParams = (stored.parameters ?? {}) as Record<string, string>;
  return {
    kind: options.kind,
    ...Object.fromEntries(options.fields.map((f) => [f.name, fieldDefault(f, stored[f.name])])),
    ...(options.parameters.length
      ? { parameters: Object.fromEntries(options.parameters.map((p) => [p.key, p.type === 'password' ? '' : (storedParams[p.key] ?? '')])) }
      : {}),
    expires_on: options.view?.expiresOn ?? '',
    ...(options.withScopeChoice ? { scope_choice: scopeChoiceDefault(stored.scope_choice as ScopeChoice | undefined) } : {}),
  };
}

function fieldDefault(field: FieldDef, stored: unknown): unknown {
  switch (field.input) {
    case 'secret':
      return '';
    case 'entries':
      return [];
    case 'scope':
      return Array.isArray(stored) ? stored.join(' ') : '';
    case 'token_entries':
    case 'auth_entries':
      return ((stored as TokenEntry[] | undefined) ?? []).map((e) => ({ ...e }));
    default:
      return (stored as string | undefined) ?? '';
  }
}

function scopeChoiceDefault(stored: ScopeChoice | undefined): ScopeChoice {
  return { mode: stored?.mode ?? 'default', selected: stored?.selected ?? [], additional: stored?.additional ?? '' };
}
