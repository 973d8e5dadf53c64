import { describe, expect, it } from 'vitest';
import { readOAuthOutcome, withOAuthOutcome } from './oauth-outcome';

const query = (path: string) => Object.fromEntries(new URL(path, 'http://console.invalid').searchParams);

describe('OAuth outcome in the query string', () => {
  it('carries success and a failure message back to the page', () => {
    expect(readOAuthOutcome(query(withOAuthOutcome('/connections/a?env=live', { ok: true })))).toEqual({ tone: 'success' });
    const failed = withOAuthOutcome('/connections/a?env=live', { ok: false, message: 'Access was denied at the provider.' });
    expect(failed).toMatch(/^\/connections\/a\?env=live&oauth=error&message=/);
    expect(failed).not.toContain('denied');
    expect(readOAuthOutcome(query(failed))).toEqual({ tone: 'error', message: 'Access was denied at the provider.' });
  });

  it('never shows words from a crafted link', () => {
    const crafted = readOAuthOutcome({ oauth: 'error', message: 'Your session expired, sign in at https://evil.example' });
    expect(crafted).toEqual({ tone: 'error', message: 'The provider did not grant access.' });
    const sealedElsewhere = new URL(withOAuthOutcome('/x', { ok: false, message: 'real' }), 'http://c').searchParams.get('message')!;
    expect(readOAuthOutcome({ oauth: 'error', message: `${sealedElsewhere.slice(0, -2)}AA` })).toEqual({ tone: 'error', message: 'The provider did not grant access.' });
  });

  it('shows nothing without an outcome', () => {
    expect(readOAuthOutcome({})).toBeNull();
  });
});
