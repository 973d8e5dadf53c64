import { describe, expect, it } from 'vitest';
import { auditSentence } from './audit-sentence';

const event = (action: string, extra: Partial<Parameters<typeof auditSentence>[0]> = {}) =>
  auditSentence({ action, actorLabel: 'alice@example.test (session)', target: 'salesforce', env: 'draft', outcome: 'success', detail: null, ...extra });

describe('auditSentence', () => {
  it('says what happened in words, without codes', () => {
    expect(event('oauth.connect')).toBe('alice@example.test connected salesforce (draft)');
    expect(event('oauth.connect', { outcome: 'failure', detail: { reason: 'expired_state' } })).toBe('alice@example.test tried to connect salesforce (draft), but the consent took too long');
    expect(event('credentials.set', { detail: { owner: 'team', fields: ['password', 'username'] } })).toBe('alice@example.test set the team credentials for salesforce (draft) (password, username)');
    expect(event('user.role', { target: 'bob@example.test', env: null, detail: { role: 'admin' }, actorLabel: 'cli (cli)' })).toBe('The command line made bob@example.test an admin');
    expect(event('connection.create', { env: null, actorLabel: 'bot@example.test (api_key)' })).toBe('bot@example.test (API key) created salesforce');
    expect(event('something.new_thing', { env: null })).toBe('alice@example.test something new thing salesforce');
  });
});
