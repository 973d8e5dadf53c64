import 'server-only';
import { decryptString, encryptString } from '@/lib/crypto/secret-box';
import { configValueContext } from '@/lib/crypto/sealing-contexts';
import type { EnvironmentRow } from '@/lib/db/schema';
import type { AuthSettings, StoredAuthSettings } from './auth-settings-schema';
import type { EnvironmentConfig } from './connection-schema';
import { setOwn } from './own-keys';

export function sealAuthSettings(environmentId: string, settings: AuthSettings | undefined, previous: StoredAuthSettings | null): StoredAuthSettings | null {
  if (!settings) return null;
  const before = previous?.config_values ?? [];
  return {
    ...settings,
    config_values: settings.config_values.map((c) => {
      if (c.type !== 'password') return c;
      // An empty password value keeps the stored one (write-only in the browser).
      const kept = before.find((b) => b.key === c.key && b.type === 'password')?.sealed_value;
      const sealed = c.value ? encryptString(c.value, configValueContext(environmentId, c.key)) : kept;
      return { ...c, value: '', sealed_value: sealed };
    }),
  };
}

/** The settings without secrets, plus which password config values are set. */
export type PublicConfigValue = AuthSettings['config_values'][number] & { has_value?: boolean };
export type PublicAuthSettings = Omit<AuthSettings, 'config_values'> & { config_values: PublicConfigValue[] };

export function publicAuthSettings(row: EnvironmentRow): PublicAuthSettings | undefined {
  const stored = row.authSettings;
  if (!stored) return undefined;
  return {
    ...stored,
    config_values: stored.config_values.map(({ sealed_value, ...c }) => (c.type === 'password' ? { ...c, value: '', has_value: Boolean(sealed_value) } : c)),
  };
}

/** Config values with password values decrypted: for resolving credentials on the server only. */
export function resolvedConfigValues(row: EnvironmentRow): Record<string, string> {
  const stored = row.authSettings;
  const out: Record<string, string> = {};
  for (const c of stored?.config_values ?? []) {
    setOwn(out, c.key, c.type === 'password' && c.sealed_value ? decryptString(c.sealed_value, configValueContext(row.id, c.key)) : c.value);
  }
  return out;
}

export function environmentToConfig(row: EnvironmentRow): EnvironmentConfig {
  const auth = publicAuthSettings(row);
  return {
    kind: row.kind,
    type: row.type,
    server_url: row.serverUrl ?? undefined,
    sso: row.sso,
    idp_config: row.idpConfig ?? undefined,
    app_config: row.appConfig ?? undefined,
    custom_config_entries: row.customConfigEntries ?? undefined,
    auth_settings: auth
      ? { ...auth, config_values: auth.config_values.map(({ has_value: _hasValue, ...c }) => c) }
      : undefined,
  };
}

export function configToEnvironmentColumns(config: EnvironmentConfig) {
  return {
    kind: config.kind,
    type: config.type,
    serverUrl: config.server_url ?? null,
    sso: config.sso,
    idpConfig: config.idp_config ?? null,
    appConfig: config.app_config ?? null,
    customConfigEntries: config.custom_config_entries ?? null,
  };
}

/** Changing any of these makes stored credentials meaningless (SPEC §2). */
export function invalidatesCredentials(row: EnvironmentRow, config: EnvironmentConfig): boolean {
  return row.kind !== config.kind || row.type !== config.type || row.sso !== config.sso;
}

/** Compared with password values opened: re-sealing the same value (a fresh IV) is no change. */
function comparableSettings(settings: StoredAuthSettings | null, environmentId: string) {
  if (!settings) return null;
  return {
    ...settings,
    config_values: settings.config_values.map(({ sealed_value, ...c }) => (sealed_value ? { ...c, value: decryptString(sealed_value, configValueContext(environmentId, c.key)) } : c)),
  };
}

export function settingsChanged(row: EnvironmentRow, sealed: StoredAuthSettings | null): boolean {
  const before = comparableSettings(row.authSettings, row.id);
  return JSON.stringify(before) !== JSON.stringify(comparableSettings(sealed, row.id));
}
