import * as z from 'zod';
import { MAX_ADDITIONAL_SCOPES_LENGTH, type AuthSettings } from './auth-settings-schema';

/** A member's choice on the connect page (SPEC §3): default scopes, or a customized set, plus extras. */
export const scopeChoiceSchema = z.object({
  mode: z.enum(['default', 'custom']).default('default'),
  // A form with a single checkbox posts a string (or false) rather than a list.
  selected: z
    .preprocess((v) => (v === false || v == null ? [] : typeof v === 'string' ? [v] : v), z.array(z.string().trim().min(1).max(200)).max(200))
    .default([]),
  additional: z
    .string()
    .max(MAX_ADDITIONAL_SCOPES_LENGTH, `Additional scopes are at most ${MAX_ADDITIONAL_SCOPES_LENGTH} characters.`)
    .default(''),
});

export type ScopeChoice = z.output<typeof scopeChoiceSchema>;
export type ScopeSettings = NonNullable<AuthSettings['scopes']>;

export class ScopeChoiceError extends Error {
  constructor(readonly field: 'mode' | 'selected' | 'additional', message: string) {
    super(message);
  }
}

export function splitScopes(text: string, delimiter: ScopeSettings['delimiter']): string[] {
  const parts = delimiter === 'comma' ? text.split(',') : text.split(/\s+/);
  return parts.map((s) => s.trim()).filter(Boolean);
}

export function joinScopes(scopes: string[], delimiter: ScopeSettings['delimiter'] = 'space'): string {
  return scopes.join(delimiter === 'comma' ? ',' : ' ');
}

/**
 * The exact scopes to request. Without a choice, or with "Use default scopes": every scope the
 * builder listed. "Customize": the required ones plus the chosen optional ones. Additional scopes
 * (when allowed) are split on the delimiter. Required scopes can never be dropped.
 */
export function resolveScopes(settings: ScopeSettings, choice?: ScopeChoice): string[] {
  const all = settings.items.map((s) => s.name);
  const required = settings.items.filter((s) => s.required).map((s) => s.name);
  let chosen = all;
  if (choice?.mode === 'custom') {
    if (!settings.allow_customize) throw new ScopeChoiceError('mode', 'This connection does not allow customizing scopes.');
    const unknown = choice.selected.filter((s) => !all.includes(s));
    if (unknown.length) throw new ScopeChoiceError('selected', `Unknown scope: ${unknown.join(', ')}. Use additional scopes for others.`);
    chosen = all.filter((s) => required.includes(s) || choice.selected.includes(s));
  }
  const additionalText = choice?.additional?.trim() ?? '';
  if (additionalText) {
    if (!settings.allow_additional) throw new ScopeChoiceError('additional', 'This connection does not allow additional scopes.');
    if (additionalText.length > MAX_ADDITIONAL_SCOPES_LENGTH) {
      throw new ScopeChoiceError('additional', `Additional scopes are at most ${MAX_ADDITIONAL_SCOPES_LENGTH} characters.`);
    }
    chosen = [...chosen, ...splitScopes(additionalText, settings.delimiter)];
  }
  return [...new Set(chosen)];
}

/**
 * A choice stored under older scope settings, cut down to what the current settings allow, so a
 * builder's change never breaks a member's stored credentials (the owner is asked to review instead).
 */
export function fitScopeChoice(settings: ScopeSettings, choice: ScopeChoice | undefined): ScopeChoice | undefined {
  if (!choice) return undefined;
  const names = new Set(settings.items.map((s) => s.name));
  const additional = settings.allow_additional && choice.additional.length <= MAX_ADDITIONAL_SCOPES_LENGTH ? choice.additional : '';
  if (choice.mode === 'custom' && settings.allow_customize) return { mode: 'custom', selected: choice.selected.filter((s) => names.has(s)), additional };
  return { mode: 'default', selected: [], additional };
}

/** A scope field as stored: a list, or one string split on spaces and commas. */
export function scopeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * The scopes an owner's token request sends: the builder's scope settings with the owner's choice,
 * or the registration's `scope` field. Both are public values, so no secret is opened for this.
 */
export function scopesToRequest(settings: Partial<AuthSettings> | null, values: Record<string, unknown>): string {
  const scopes = settings?.scopes;
  if (scopes && scopes.items.length + (scopes.allow_additional ? 1 : 0) > 0) {
    return joinScopes(resolveScopes(scopes, fitScopeChoice(scopes, values.scope_choice as ScopeChoice | undefined)), scopes.delimiter);
  }
  return joinScopes(scopeList(values.scope), scopes?.delimiter ?? 'space');
}
