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

export async function countEnvironmentCredentials(tx: Tx, environmentId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(credentials).where(eq(credentials.environmentId, environmentId));
  return row?.n ?? 0;
}

/**
 * Inserts or updates one environment inside the caller's transaction. A change of kind, type or
 * sso removes the stored credentials, but only when the caller confirmed it (SPEC §2).
 */
export async function writeEnvironment(
  tx: Tx,
  connectionId: string,
  env: EnvName,
  config: EnvironmentConfig,
  confirmCredentialRemoval: boolean,
): Promise<EnvironmentWriteResult> {
  const [existing] = await tx
    .select()
    .from(environments)
    .where(and(eq(environments.connectionId, connectionId), eq(environments.env, env)))
    .limit(1);
  if (!existing) {
    const id = crypto.randomUUID();
    await tx
      .insert(environments)
      .values({ id, connectionId, env, ...configToEnvironmentColumns(config), authSettings: sealAuthSettings(id, config.auth_settings, null) });
    return { env, created: true, credentialsRemoved: 0, settingsVersion: 1 };
  }
  const credentialsRemoved = invalidatesCredentials(existing, config) ? await removeAllCredentials(tx, existing, confirmCredentialRemoval) : 0;
  const authSettings = sealAuthSettings(existing.id, config.auth_settings, existing.authSettings);
  const settingsVersion = existing.settingsVersion + (settingsChanged(existing, authSettings) ? 1 : 0);
  await tx
    .update(environments)
    .set({ ...configToEnvironmentColumns(config), authSettings, settingsVersion, updatedAt: Date.now() })
    .where(eq(environments.id, existing.id));
  return { env, created: false, credentialsRemoved, settingsVersion };
}

export async function removeEnvironment(tx: Tx, row: EnvironmentRow, confirmCredentialRemoval: boolean): Promise<number> {
  const removed = await removeAllCredentials(tx, row, confirmCredentialRemoval);
  await tx.delete(environments).where(eq(environments.id, row.id));
  return removed;
}

async function removeAllCredentials(tx: Tx, row: EnvironmentRow, confirmed: boolean): Promise<number> {
  const n = await countEnvironmentCredentials(tx, row.id);
  if (n > 0 && !confirmed) {
    throw new AppError(
      'conflict',
      `This change removes the stored credentials of ${n} owner${n === 1 ? '' : 's'} in ${row.env}. Confirm to continue.`,
      undefined,
      { credentialsToRemove: n, env: row.env },
    );
  }
  await tx.delete(credentials).where(eq(credentials.environmentId, row.id));
  return n;
}
