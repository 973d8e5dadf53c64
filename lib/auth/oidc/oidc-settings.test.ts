import { describe, expect, it } from 'vitest';
import { oidcSettings, roleFromClaims } from './oidc-settings';

describe('OIDC settings', () => {
  it('is off without an issuer, needs all three of issuer, client id and secret, and reads the signup flag', () => {
    expect(oidcSettings({})).toBeNull();
    expect(() => oidcSettings({ OIDC_ISSUER: 'https://idp.example.test' })).toThrow(/together/);
    expect(oidcSettings({ OIDC_ISSUER: 'https://idp.example.test/', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_ALLOW_SIGNUP: '1', OIDC_ADMIN_GROUP: 'admins' })).toMatchObject({
      issuer: 'https://idp.example.test',
      allowSignup: true,
      adminGroup: 'admins',
    });
    expect(oidcSettings({ OIDC_ISSUER: 'https://idp.example.test', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' })?.allowSignup).toBe(false);
  });

  it('gives the admin role only to members of the admin group', () => {
    expect(roleFromClaims({ groups: ['staff', 'admins'] }, 'admins')).toBe('admin');
    expect(roleFromClaims({ groups: 'staff admins' }, 'admins')).toBe('admin');
    expect(roleFromClaims({ groups: ['staff'] }, 'admins')).toBe('member');
    expect(roleFromClaims({ groups: ['admins'] }, null)).toBe('member');
  });
});
