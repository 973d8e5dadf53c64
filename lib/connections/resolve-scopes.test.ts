import { describe, expect, it } from 'vitest';
import { fitScopeChoice, joinScopes, resolveScopes, scopeChoiceSchema, type ScopeSettings } from './resolve-scopes';

const settings = (over: Partial<ScopeSettings> = {}): ScopeSettings => ({
  delimiter: 'space',
  items: [
    { name: 'openid', required: true },
    { name: 'offline_access', required: false },
    { name: 'calendar.read', required: false },
  ],
  allow_customize: true,
  allow_additional: true,
  ...over,
});
const choice = (c: unknown) => scopeChoiceSchema.parse(c);

describe('resolveScopes', () => {
  it('uses every listed scope by default', () => {
    expect(resolveScopes(settings())).toEqual(['openid', 'offline_access', 'calendar.read']);
    expect(resolveScopes(settings(), choice({ mode: 'default' }))).toEqual(['openid', 'offline_access', 'calendar.read']);
  });

  it('keeps required scopes when a member customizes, even if they unselect them', () => {
    expect(resolveScopes(settings(), choice({ mode: 'custom', selected: ['calendar.read'] }))).toEqual(['openid', 'calendar.read']);
    expect(resolveScopes(settings(), choice({ mode: 'custom', selected: [] }))).toEqual(['openid']);
  });

  it('refuses customizing when the builder does not allow it', () => {
    expect(() => resolveScopes(settings({ allow_customize: false }), choice({ mode: 'custom', selected: [] }))).toThrow(/does not allow customizing/);
  });

  it('refuses an unknown scope in the customized selection', () => {
    expect(() => resolveScopes(settings(), choice({ mode: 'custom', selected: ['admin'] }))).toThrow(/Unknown scope: admin/);
  });

  it('adds additional scopes split on the delimiter, without duplicates', () => {
    expect(resolveScopes(settings(), choice({ additional: ' mail.send  openid ' }))).toEqual(['openid', 'offline_access', 'calendar.read', 'mail.send']);
    expect(resolveScopes(settings({ delimiter: 'comma' }), choice({ additional: 'a b,c' }))).toEqual(['openid', 'offline_access', 'calendar.read', 'a b', 'c']);
  });

  it('refuses additional scopes when not allowed, and over 500 characters', () => {
    expect(() => resolveScopes(settings({ allow_additional: false }), choice({ additional: 'x' }))).toThrow(/does not allow additional/);
    expect(scopeChoiceSchema.safeParse({ additional: 'a'.repeat(501) }).success).toBe(false);
    expect(scopeChoiceSchema.safeParse({ additional: 'a'.repeat(500) }).success).toBe(true);
  });

  it('joins with the delimiter', () => {
    expect(joinScopes(['a', 'b'], 'space')).toBe('a b');
    expect(joinScopes(['a', 'b'], 'comma')).toBe('a,b');
  });
});

describe('fitScopeChoice', () => {
  const stored = choice({ mode: 'custom', selected: ['calendar.read', 'gone.scope'], additional: 'extra.one' });

  it('keeps a choice that still fits', () => {
    const fits = choice({ mode: 'custom', selected: ['calendar.read'], additional: 'extra.one' });
    expect(fitScopeChoice(settings(), fits)).toEqual(fits);
  });

  it('drops scopes the builder removed, so the stored choice still resolves', () => {
    expect(() => resolveScopes(settings(), stored)).toThrow(/Unknown scope/);
    expect(resolveScopes(settings(), fitScopeChoice(settings(), stored))).toEqual(['openid', 'calendar.read', 'extra.one']);
  });

  it('falls back to the default scopes when customizing is no longer allowed', () => {
    expect(resolveScopes(settings({ allow_customize: false }), fitScopeChoice(settings({ allow_customize: false }), stored))).toEqual([
      'openid',
      'offline_access',
      'calendar.read',
      'extra.one',
    ]);
  });

  it('drops additional scopes when they are no longer allowed', () => {
    expect(resolveScopes(settings({ allow_additional: false }), fitScopeChoice(settings({ allow_additional: false }), stored))).toEqual(['openid', 'calendar.read']);
  });
});
