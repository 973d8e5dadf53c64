import 'server-only';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { writeTransaction, type Tx } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { ConnectionDocument, EnvironmentConfig } from './connection-schema';
import { connectionWarnings, environmentWarnings } from './connection-warnings';
import { environmentToConfig } from './environment-mapping';
import { findConnection } from './get-connection';
import { ENVIRONMENTS, type EnvName } from './kinds';
import { removeEnvironment, writeEnvironment, type EnvironmentWriteResult } from './write-environment';

export type SaveOptions = { confirmCredentialRemoval?: boolean };
/** `warnings`: accepted but not run (a deprecated kind), for the caller to show. */
export type SaveResult = { appId: string; created: boolean; environments: EnvironmentWriteResult[]; credentialsRemoved: number; warnings: string[] };
export type ConfigureResult = EnvironmentWriteResult & { warnings: string[] };

function resourceColumns(doc: ConnectionDocument) {
  return { resourceComponent: doc.resource?.component ?? null, resourceCategory: doc.resource?.category ?? null };
}

/**
 * Creates or replaces a whole connection inside the caller's transaction: the shared core of
 * create, PUT and import. `mode` says whether the app id must be new, must exist, or either.
 */
export async function saveConnectionDocument(tx: Tx, doc: ConnectionDocument, mode: 'create' | 'replace' | 'upsert', options: SaveOptions = {}): Promise<SaveResult> {
  const existing = await findConnection(doc.app_id, tx);
  if (existing && mode === 'create') {
    throw new AppError('conflict', `A connection "${doc.app_id}" already exists.`, { app_id: 'This app ID is already taken.' });
  }
  if (!existing && mode === 'replace') throw new AppError('not_found', `Connection "${doc.app_id}" was not found.`);
  const confirm = options.confirmCredentialRemoval ?? false;
  let connectionId: string;
  if (existing) {
    connectionId = existing.id;
    await tx.update(connections).set({ ...resourceColumns(doc), updatedAt: Date.now() }).where(eq(connections.id, connectionId));
  } else {
    connectionId = crypto.randomUUID();
    await tx.insert(connections).values({ id: connectionId, appId: doc.app_id, ...resourceColumns(doc) });
  }
  const results: EnvironmentWriteResult[] = [];
  let credentialsRemoved = 0;
  for (const env of ENVIRONMENTS) {
    const config = doc.environments[env];
    const row = existing?.environments[env];
    if (config) {
      const result = await writeEnvironment(tx, connectionId, env, config, confirm);
      credentialsRemoved += result.credentialsRemoved;
      results.push(result);
    } else if (row) {
      credentialsRemoved += await removeEnvironment(tx, row, confirm);
    }
  }
  return { appId: doc.app_id, created: !existing, environments: results, credentialsRemoved, warnings: connectionWarnings(doc) };
}

export async function createConnection(actor: Actor, doc: ConnectionDocument): Promise<SaveResult> {
  assertAdmin(actor, 'Only admins can create connections.');
  return writeTransaction(async (tx) => {
    const result = await saveConnectionDocument(tx, doc, 'create');
    await recordAuditEvent({ actor, action: 'connection.create', targetType: 'connection', target: doc.app_id, detail: { environments: Object.keys(doc.environments) } }, tx);
    return result;
  });
}

export async function replaceConnection(actor: Actor, appId: string, doc: ConnectionDocument, options: SaveOptions = {}): Promise<SaveResult> {
  assertAdmin(actor, 'Only admins can change connections.');
  if (doc.app_id !== appId) throw new AppError('bad_input', 'The app ID cannot be changed.', { app_id: 'The app ID cannot be changed.' });
  return writeTransaction(async (tx) => {
    const result = await saveConnectionDocument(tx, doc, 'replace', options);
    await recordAuditEvent({ actor, action: 'connection.update', targetType: 'connection', target: appId, detail: { credentialsRemoved: result.credentialsRemoved } }, tx);
    return result;
  });
}

/** Configures one environment, leaving the other as it is (console form, CLI `configure`). */
export async function configureEnvironment(actor: Actor, appId: string, env: EnvName, config: EnvironmentConfig, options: SaveOptions = {}): Promise<ConfigureResult> {
  assertAdmin(actor, 'Only admins can configure connections.');
  return writeTransaction(async (tx) => {
    const connection = await findConnection(appId, tx);
    if (!connection) throw new AppError('not_found', `Connection "${appId}" was not found.`);
    // The environment form and `configure` do not carry auth settings: keep the stored ones.
    const existing = connection.environments[env];
    const withAuth = config.auth_settings === undefined && existing ? { ...config, auth_settings: environmentToConfig(existing).auth_settings } : config;
    const result = await writeEnvironment(tx, connection.id, env, withAuth, options.confirmCredentialRemoval ?? false);
    await tx.update(connections).set({ updatedAt: Date.now() }).where(eq(connections.id, connection.id));
    await recordAuditEvent(
      { actor, action: 'environment.configure', targetType: 'connection', target: appId, env, detail: { kind: config.kind, type: config.type, credentialsRemoved: result.credentialsRemoved } },
      tx,
    );
    return { ...result, warnings: environmentWarnings(appId, env, config) };
  });
}

export async function deleteConnection(actor: Actor, appId: string): Promise<void> {
  assertAdmin(actor, 'Only admins can delete connections.');
  await writeTransaction(async (tx) => {
    const connection = await findConnection(appId, tx);
    if (!connection) throw new AppError('not_found', `Connection "${appId}" was not found.`);
    await tx.delete(connections).where(eq(connections.id, connection.id));
    await recordAuditEvent({ actor, action: 'connection.delete', targetType: 'connection', target: appId }, tx);
  });
}

export function envNames(doc: ConnectionDocument): EnvName[] {
  return ENVIRONMENTS.filter((env) => doc.environments[env]);
}
