import { describe, expect, it } from 'vitest';
import { consoleStatus, displayStatus } from './credential-status';

const row = (over: Partial<{ status: 'connected' | 'missing' | 'expired' | 'error'; lastSuccessAt: number | null; tokenExpiresAt: number | null; hasRefreshToken: boolean; settingsVersion: number }> = {}) => ({
  status: 'connected' as const,
  settingsVersion: 1,
  lastSuccessAt: null,
  tokenExpiresAt: null,
  hasRefreshToken: false,
  ...over,
});

describe('consoleStatus', () => {
  it('static and token-grant credentials are "set, not verified" until a token or verification request succeeded', () => {
    for (const kind of ['bearer', 'basic', 'api_key', 'oauth_auth_client_credentials_flow'] as const) {
      const env = { kind, type: 'team' as const, settingsVersion: 1 };
      expect(consoleStatus(env, row(), undefined), kind).toBe('set, not verified');
      expect(consoleStatus(env, row({ lastSuccessAt: Date.now() }), undefined), kind).toBe('connected');
      // The SPEC §4 status (API, CLI, filters) stays `connected` either way.
      expect(displayStatus(env, row(), undefined), kind).toBe('connected');
    }
  });

  it('other statuses pass through; consented tokens and direct access are connected', () => {
    const bearer = { kind: 'bearer' as const, type: 'team' as const, settingsVersion: 1 };
    expect(consoleStatus(undefined, undefined, undefined)).toBe('not configured');
    expect(consoleStatus(bearer, undefined, undefined)).toBe('missing credentials');
    expect(consoleStatus(bearer, row({ status: 'error' }), undefined)).toBe('error');
    expect(consoleStatus(bearer, row({ status: 'expired' }), undefined)).toBe('expired');
    expect(consoleStatus({ kind: 'oauth_auth_code_flow', type: 'team', settingsVersion: 1 }, row({ tokenExpiresAt: Date.now() + 60_000 }), undefined)).toBe('connected');
    expect(consoleStatus({ kind: 'oauth_auth_client_credentials_flow', type: 'team', settingsVersion: 1 }, row(), undefined)).toBe('set, not verified');
  });

  it('member connections judge the member’s own credentials', () => {
    const env = { kind: 'basic' as const, type: 'member' as const, settingsVersion: 1 };
    expect(consoleStatus(env, undefined, row())).toBe('set, not verified');
    expect(consoleStatus(env, undefined, row({ lastSuccessAt: 1 }))).toBe('connected');
    expect(consoleStatus(env, undefined, undefined)).toBe('missing credentials');
  });

  it('credentials set under older auth settings need review; a member connection’s client registration does not', () => {
    expect(consoleStatus({ kind: 'basic', type: 'member', settingsVersion: 2 }, undefined, row({ lastSuccessAt: 1 }))).toBe('needs review');
    expect(consoleStatus({ kind: 'bearer', type: 'team', settingsVersion: 2 }, row(), undefined)).toBe('needs review');
    expect(consoleStatus({ kind: 'bearer', type: 'team', settingsVersion: 2 }, row({ settingsVersion: 2 }), undefined)).toBe('set, not verified');
    expect(consoleStatus({ kind: 'bearer', type: 'team', settingsVersion: 2 }, row({ status: 'error' }), undefined)).toBe('error');
    // A member connection that needs nothing of its own: the team's row shows through, with no review asked.
    expect(consoleStatus({ kind: 'oauth_auth_token_exchange_flow', type: 'member', settingsVersion: 2 }, row({ lastSuccessAt: 1 }), undefined)).toBe('connected');
  });
});
