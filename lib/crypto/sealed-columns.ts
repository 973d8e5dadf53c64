import 'server-only';
import type Database from 'better-sqlite3';
import { configValueContext } from '@/lib/connections/environment-mapping';
import { secretsContext, tokensContext } from '@/lib/credentials/credential-secrets';
import { sealedKeyId } from './secret-box';

/**
 * Every place the database holds a sealed value, with the associated-data context it was sealed
 * under: what the startup key check samples and what key rotation re-encrypts. A new encrypted
 * column must be added here, or rotation would leave it under the old key.
 */

export const KEY_CHECK_META_KEY = 'encryption_key_check';
export const KEY_CHECK_CONTEXT = 'app_meta:encryption_key_check';
export const KEY_CHECK_PLAINTEXT = 'connections-manager encryption key check v1';

/** Pending OAuth requests (lib/oauth seals their payload under this context). */
export const oauthStatePayloadContext = (stateHash: string) => `oauth_states:${stateHash}:payload`;

/** Identity-provider sign-in tokens of a user (lib/auth/oidc/sign-in-tokens). */
export const signInTokensContext = (userId: string) => `sign-in-tokens:${userId}`;

/** A column holding one sealed string per row. Table and column names are constants, never input. */
export type SealedColumn = { table: string; id: string; column: string; where?: string; context: (id: string) => string };

export const SEALED_COLUMNS: SealedColumn[] = [
  { table: 'credentials', id: 'id', column: 'secret_values', context: secretsContext },
  { table: 'credentials', id: 'id', column: 'tokens', context: tokensContext },
  { table: 'oauth_states', id: 'state_hash', column: 'payload', context: oauthStatePayloadContext },
  { table: 'sign_in_tokens', id: 'user_id', column: 'tokens', context: signInTokensContext },
  { table: 'app_meta', id: 'key', column: 'value', where: `key = '${KEY_CHECK_META_KEY}'`, context: () => KEY_CHECK_CONTEXT },
];

/** Auth settings are JSON; password config values carry a `sealed_value` each. */
export type StoredConfigValue = { key: string; type: string; sealed_value?: string } & Record<string, unknown>;
export const AUTH_SETTINGS = { table: 'environments', id: 'id', column: 'auth_settings', context: configValueContext } as const;

export function sealedInAuthSettings(json: string | null): StoredConfigValue[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as { config_values?: StoredConfigValue[] } | null;
  return (parsed?.config_values ?? []).filter((c) => typeof c.sealed_value === 'string' && c.sealed_value !== '');
}

const SAMPLE = 50;

/** Key ids found in the data (a sample of each column), for databases that predate the key check. */
export function sampleSealedKeyIds(sqlite: Database.Database): Set<string> {
  const ids = new Set<string>();
  for (const c of SEALED_COLUMNS) {
    if (c.table === 'app_meta') continue;
    const rows = sqlite.prepare(`select ${c.column} as v from ${c.table} where ${c.column} is not null limit ${SAMPLE}`).all() as { v: string }[];
    for (const r of rows) ids.add(sealedKeyId(r.v) ?? 'unknown');
  }
  const settings = sqlite
    .prepare(`select auth_settings as v from environments where auth_settings like '%"sealed_value":"cm1.%' limit ${SAMPLE}`)
    .all() as { v: string }[];
  for (const r of settings) for (const c of sealedInAuthSettings(r.v)) ids.add(sealedKeyId(c.sealed_value!) ?? 'unknown');
  return ids;
}
