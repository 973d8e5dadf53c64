import { describe, expect, it } from 'vitest';
import { connectionSchema, environmentConfigSchema } from './connection-schema';
import { zodFieldErrors } from '@/lib/errors';
import { KINDS } from './kinds';

const issuesOf = (input: unknown) => {
  const result = environmentConfigSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('connection document schema', () => {
  it('parses the SPEC §2 document with defaults and aliases', () => {
    const doc = connectionSchema.parse({
      app_id: 'my_app',
      resource: { component: 'knowledge', category: 'milvus' },
      environments: {
        draft: { kind: 'kv', type: 'team', server_url: 'https://example.com/', custom_config_entries: { key1: 'value1', port: 443 } },
        live: { kind: 'oauth_auth_token_exchange', type: 'member', sso: true },
      },
    });
    expect(doc).toMatchObject({ spec_version: 'v1', kind: 'connection', app_id: 'my_app' });
    expect(doc.environments.draft).toMatchObject({ kind: 'key_value', sso: false, custom_config_entries: { key1: 'value1', port: '443' } });
    expect(doc.environments.live?.kind).toBe('oauth_auth_token_exchange_flow');
  });

  it.each(['-app', '_app', 'my app', 'my.app', '', 'a'.repeat(65), 'ünï'])('rejects the app id %j', (appId) => {
    expect(connectionSchema.safeParse({ app_id: appId }).success).toBe(false);
  });

  it('names an unknown kind', () => {
    expect(issuesOf({ kind: 'saml' }).kind).toMatch(/Unknown kind "saml"/);
  });

  it.each(KINDS.filter((k) => !['oauth_auth_on_behalf_of_flow', 'oauth_auth_token_exchange_flow', 'oauth_auth_direct_access_flow'].includes(k)))(
    'refuses sso on %s',
    (kind) => {
      expect(issuesOf({ kind, type: 'member', sso: true }).sso).toMatch(/only for on-behalf-of/);
    },
  );

  it('requires sso and type member for token exchange, on-behalf-of and direct access', () => {
    expect(issuesOf({ kind: 'oauth_auth_token_exchange_flow', type: 'member' }).sso).toMatch(/requires sso/);
    expect(issuesOf({ kind: 'oauth_auth_direct_access_flow', type: 'team', sso: true }).type).toMatch(/SSO requires type: member/);
    expect(issuesOf({ kind: 'oauth_auth_direct_access_flow', type: 'member', sso: true })).toEqual({});
  });

  it('requires idp_config for on-behalf-of', () => {
    expect(issuesOf({ kind: 'oauth_auth_on_behalf_of_flow', type: 'member', sso: true }).idp_config).toMatch(/requires idp_config/);
    expect(issuesOf({ kind: 'oauth_auth_on_behalf_of_flow', type: 'member', sso: true, idp_config: { header: {}, body: { a: 'b' } } })).toEqual({});
  });

  it('refuses key_value as member', () => {
    expect(issuesOf({ kind: 'key_value', type: 'member' }).type).toMatch(/cannot be member/);
  });

  it('refuses a non-http server url but accepts {placeholders}', () => {
    expect(issuesOf({ kind: 'basic', server_url: 'ftp://x' }).server_url).toBeDefined();
    expect(issuesOf({ kind: 'basic', server_url: 'https://{tenant}.example.com/api' })).toEqual({});
  });

  it('refuses unknown keys at every level, each named by its own path, instead of dropping them', () => {
    const result = connectionSchema.safeParse({
      app_id: 'my_app',
      spec: 'v1',
      resource: { componnet: 'knowledge' },
      environments: {
        staging: { kind: 'basic' },
        draft: { kind: 'basic', typ: 'member', app_config: { headers: {} }, auth_settings: { scopes: { delimter: 'comma' }, parameters: [{ key: 'k', label: 'K', kind: 'text' }] } },
      },
    });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!.issues)).toEqual({
      spec: 'Unknown field "spec".',
      'resource.componnet': 'Unknown field "componnet".',
      'environments.staging': 'Unknown field "staging".',
      'environments.draft.typ': 'Unknown field "typ".',
      'environments.draft.app_config.headers': 'Unknown field "headers".',
      'environments.draft.auth_settings.scopes.delimter': 'Unknown field "delimter".',
      'environments.draft.auth_settings.parameters.0.kind': 'Unknown field "kind".',
    });
  });
});
