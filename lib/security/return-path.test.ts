import { describe, expect, it } from 'vitest';
import { signInUrl } from './return-path';

describe('signInUrl', () => {
  it('brings the visitor back to the page they opened, query included', () => {
    expect(signInUrl('/connections/app_1/connect?env=draft')).toBe('/login?returnTo=%2Fconnections%2Fapp_1%2Fconnect%3Fenv%3Ddraft');
  });
  it('never points outside the console', () => {
    expect(signInUrl('//evil.example/x')).toBe('/login');
    expect(signInUrl('/\\evil.example')).toBe('/login');
    expect(signInUrl(null)).toBe('/login');
  });
});
