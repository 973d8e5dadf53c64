import 'server-only';
import crypto from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { credentials, environments, type EnvironmentRow } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { EnvironmentConfig } from './connection-schema';
import { configToEnvironmentColumns, invalidatesCredentials, sealAuthSettings, settingsChanged } from './environment-mapping';
import type { EnvName } from './kinds';

export type EnvironmentWriteResult = { env: EnvName; created: boolean; credentialsRemoved: number; settingsVersion: number };

export function countEnvironmentCredentials(tx: Tx, environmentId: string): number {
  return tx.select({ n: count() }).from(credentials).where(eq(credentials.environmentId, environmentId)).get()?.n ?? 0;
}

/**
 * Inserts or updates one environment inside the caller's transaction. A change of kind, type or
 * sso removes the stored credentials, but only when the caller confirmed it (SPEC §2).
 */
export function writeEnvironment(
  tx: Tx,
  connectionId: string,
  env: EnvName,
  config: EnvironmentConfig,
  confirmCredentialRemoval: boolean,
): EnvironmentWriteResult {
  const existing = tx
    .select()
    .from(environments)
    .where(and(eq(environments.connectionId, connectionId), eq(environments.env, env)))
    .get();
  if (!existing) {
    const id = crypto.randomUUID();
    tx.insert(environments)
      .values({ id, connectionId, env, ...configToEnvironmentColumns(config), authSettings: sealAuthSettings(id, config.auth_settings, null) })
      .run();
    return { env, created: true, credentialsRemoved: 0, settingsVersion: 1 };
  }
  const credentialsRemoved = invalidatesCredentials(existing, config) ? removeAllCredentials(tx, existing, confirmCredentialRemoval) : 0;
  const authSettings = sealAuthSettings(existing.id, config.auth_settings, existing.authSettings);
  const settingsVersion = existing.settingsVersion + (settingsChanged(existing, authSettings) ? 1 : 0);
  tx.update(environments)
    .set({ ...configToEnvironmentColumns(config), authSettings, settingsVersion, updatedAt: Date.now() })
    .where(eq(environments.id, existing.id))
    .run();
  return { env, created: false, credentialsRemoved, settingsVersion };
}

export function removeEnvironment(tx: Tx, row: EnvironmentRow, confirmCredentialRemoval: boolean): number {
  const removed = removeAllCredentials(tx, row, confirmCredentialRemoval);
  tx.delete(environments).where(eq(environments.id, row.id)).run();
  return removed;
}

function removeAllCredentials(tx: Tx, row: EnvironmentRow, confirmed: boolean): number {
  const n = countEnvironmentCredentials(tx, row.id);
  if (n > 0 && !confirmed) {
    throw new AppError(
      'conflict',
      `This change removes the stored credentials of ${n} owner${n === 1 ? '' : 's'} in ${row.env}. Confirm to continue.`,
      undefined,
      { credentialsToRemove: n, env: row.env },
    );
  }
  tx.delete(credentials).where(eq(credentials.environmentId, row.id)).run();
  return n;
}
