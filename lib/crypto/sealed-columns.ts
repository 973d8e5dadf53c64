import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { rawRows } from '@/lib/db/client';
import { sealedKeyId } from './secret-box';
import { configValueContext, KEY_CHECK_CONTEXT, KEY_CHECK_META_KEY, oauthStatePayloadContext, secretsContext, signInTokensContext, tokensContext, webhookSecretContext } from './sealing-contexts';

/**
 * Every place the database holds a sealed value, with the associated-data context it was sealed
 * under: what the startup key check samples and what key rotation re-encrypts. A new encrypted
 * column must be added here, or rotation would leave it under the old key.
 */

/** A column holding one sealed string per row. Table and column names are constants, never input. */
export type SealedColumn = { table: string; id: string; column: string; where?: SQL; context: (id: string) => string };

export const SEALED_COLUMNS: SealedColumn[] = [
  { table: 'credentials', id: 'id', column: 'secret_values', context: secretsContext },
  { table: 'credentials', id: 'id', column: 'tokens', context: tokensContext },
  { table: 'oauth_states', id: 'state_hash', column: 'payload', context: oauthStatePayloadContext },
  { table: 'webhook_endpoints', id: 'id', column: 'secret', context: webhookSecretContext },
  { table: 'sign_in_tokens', id: 'user_id', column: 'tokens', context: signInTokensContext },
  { table: 'app_meta', id: 'key', column: 'value', where: sql`key = ${KEY_CHECK_META_KEY}`, context: () => KEY_CHECK_CONTEXT },
];

/** Auth settings are JSON; password config values carry a `sealed_value` each. */
export type StoredConfigValue = { key: string; type: string; sealed_value?: string } & Record<string, unknown>;
export const AUTH_SETTINGS = { table: 'environments', id: 'id', column: 'auth_settings', context: configValueContext } as const;

export function sealedInAuthSettings(json: string | null): StoredConfigValue[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as { config_values?: StoredConfigValue[] } | null;
  return (parsed?.config_values ?? []).filter((c) => typeof c.sealed_value === 'string' && c.sealed_value !== '');
}

/**
 * The auth settings as text (a JSON column on PostgreSQL, text on SQLite) and a filter for those
 * holding a sealed value: the text is what rotation compares and writes back.
 */
export const authSettingsText = sql`cast(${sql.identifier(AUTH_SETTINGS.column)} as text)`;
export const HAS_SEALED_CONFIG_VALUE = sql`${authSettingsText} like ${'%"sealed_value":"cm1.%'}`;

const SAMPLE = 50;

/** Key ids found in the data (a sample of each column), for databases that predate the key check. */
export async function sampleSealedKeyIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const c of SEALED_COLUMNS) {
    if (c.table === 'app_meta') continue;
    const column = sql.identifier(c.column);
    const rows = await rawRows<{ v: string }>(sql`select ${column} as v from ${sql.identifier(c.table)} where ${column} is not null limit ${SAMPLE}`);
    for (const r of rows) ids.add(sealedKeyId(r.v) ?? 'unknown');
  }
  const settings = await rawRows<{ v: string }>(sql`select ${authSettingsText} as v from ${sql.identifier(AUTH_SETTINGS.table)} where ${HAS_SEALED_CONFIG_VALUE} limit ${SAMPLE}`);
  for (const r of settings) for (const c of sealedInAuthSettings(r.v)) ids.add(sealedKeyId(c.sealed_value!) ?? 'unknown');
  return ids;
}
