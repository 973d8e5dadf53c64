import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { deny, isAdmin, type UserActor } from '@/lib/auth/actor';
import type { EnvName } from '@/lib/connections/kinds';
import { findEnvironmentRow } from './client-config';
import { obtainAccessToken } from './obtain-access-token';
import { assertRegistrationSet } from './registration-state';

export type TestResult = { status: 'connected'; scopes: string[]; expiresAt: number | null; tokenType: string };

/**
 * The "Test" action: fetches a fresh token for the team (admins) or the caller, stores it, and
 * reports status, scopes and expiry. The token itself never leaves the server.
 */
export async function testConnection(actor: UserActor, input: { appId: string; env: EnvName; subjectToken?: string }): Promise<TestResult> {
  const environment = await findEnvironmentRow(input.appId, input.env);
  const ownerKey = environment.type === 'team' ? 'team' : actor.id;
  if (ownerKey === 'team' && !isAdmin(actor)) throw deny(actor, 'Only admins test team credentials.');
  await assertRegistrationSet(environment, input.appId);
  try {
    const token = await obtainAccessToken({ appId: input.appId, env: input.env, ownerKey, subjectToken: input.subjectToken, forceRefresh: true });
    await recordAuditEvent({ actor, action: 'oauth.test', targetType: 'oauth', target: input.appId, env: input.env, detail: { owner: ownerKey === 'team' ? 'team' : 'member' } });
    return { status: 'connected', scopes: token.scopes, expiresAt: token.expiresAt, tokenType: token.tokenType };
  } catch (e) {
    await recordAuditEvent({ actor, action: 'oauth.test', targetType: 'oauth', target: input.appId, env: input.env, outcome: 'failure', detail: { reason: (e as Error).message.slice(0, 200) } });
    throw e;
  }
}
