import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { writeTransaction } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { AuthSettings } from './auth-settings-schema';
import { environmentToConfig, resolvedConfigValues } from './environment-mapping';
import { findConnection } from './get-connection';
import type { EnvName } from './kinds';
import { writeEnvironment, type EnvironmentWriteResult } from './write-environment';

/**
 * Replaces the builder's auth settings of one environment (SPEC §3). Stored credentials are kept;
 * when the settings change, the environment's settings version goes up so owners are asked to review.
 */
export async function setAuthSettings(actor: Actor, appId: string, env: EnvName, settings: AuthSettings): Promise<EnvironmentWriteResult> {
  assertAdmin(actor, 'Only admins can change auth settings.');
  return writeTransaction(async (tx) => {
    const connection = await findConnection(appId, tx);
    const row = connection?.environments[env];
    if (!connection || !row) throw new AppError('not_found', `Environment ${env} of "${appId}" is not configured.`);
    const result = await writeEnvironment(tx, connection.id, env, { ...environmentToConfig(row), auth_settings: settings }, false);
    await tx.update(connections).set({ updatedAt: Date.now() }).where(eq(connections.id, connection.id));
    await recordAuditEvent(
      {
        actor,
        action: 'environment.auth_settings',
        targetType: 'connection',
        target: appId,
        env,
        detail: {
          settingsVersion: result.settingsVersion,
          scopes: settings.scopes?.items.length ?? 0,
          parameters: settings.parameters.map((p) => p.key),
          configValues: settings.config_values.map((c) => c.key),
        },
      },
      tx,
    );
    return result;
  });
}

/**
 * Copies draft's configuration and auth settings to live in one step (credentials are not copied).
 * Password config values are re-sealed for live, since sealed values are bound to their environment.
 */
export async function promoteDraftToLive(actor: Actor, appId: string, options: { confirmCredentialRemoval?: boolean } = {}): Promise<EnvironmentWriteResult> {
  assertAdmin(actor, 'Only admins can promote a connection.');
  return writeTransaction(async (tx) => {
    const connection = await findConnection(appId, tx);
    if (!connection) throw new AppError('not_found', `Connection "${appId}" was not found.`);
    const draft = connection.environments.draft;
    if (!draft) throw new AppError('bad_input', 'Draft is not configured: there is nothing to promote.');
    const config = environmentToConfig(draft);
    const secrets = resolvedConfigValues(draft);
    const auth = config.auth_settings && {
      ...config.auth_settings,
      config_values: config.auth_settings.config_values.map((c) => (c.type === 'password' ? { ...c, value: secrets[c.key] ?? '' } : c)),
    };
    const result = await writeEnvironment(tx, connection.id, 'live', { ...config, auth_settings: auth }, options.confirmCredentialRemoval ?? false);
    await tx.update(connections).set({ updatedAt: Date.now() }).where(eq(connections.id, connection.id));
    await recordAuditEvent(
      { actor, action: 'connection.promote', targetType: 'connection', target: appId, env: 'live', detail: { kind: config.kind, type: config.type, credentialsRemoved: result.credentialsRemoved } },
      tx,
    );
    return result;
  });
}
