import 'server-only';
import type * as z from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import type { EnvName } from '@/lib/connections/kinds';
import { isOAuthKind } from '@/lib/connections/kinds';
import { badInput, notFound } from '@/lib/errors';
import { findEnvironmentRow } from '@/lib/oauth/client-config';
import { obtainAccessToken } from '@/lib/oauth/obtain-access-token';
import { findUserIdByEmail } from '@/lib/runtime/runtime-lookup';
import type { forcedRefreshSchema } from './health-schemas';

export type ForcedRefresh = z.infer<typeof forcedRefreshSchema>;

/**
 * `POST …/{env}/refresh` (admins): a token request now, past any cooldown or an exhausted refresh.
 * Member connections name the member (`user`); the token itself is never returned.
 */
export async function forceRefresh(actor: Actor, input: { appId: string; env: EnvName; userEmail?: string }): Promise<ForcedRefresh> {
  assertAdmin(actor, 'Only admins force a refresh.');
  const environment = await findEnvironmentRow(input.appId, input.env);
  if (!isOAuthKind(environment.kind)) throw badInput(`"${input.appId}" (${input.env}) is not an OAuth connection: there is no token to refresh.`);
  let ownerKey = 'team';
  let owner = 'team';
  if (environment.type === 'member') {
    const email = input.userEmail?.trim().toLowerCase();
    if (!email) throw badInput('Name the member whose token to refresh: ?user={email}.', { user: 'Required for member connections.' });
    const user = await findUserIdByEmail(email);
    if (!user) throw notFound(`The user ${email}`);
    ownerKey = user.id;
    owner = user.email;
  }
  const audit = (outcome: 'success' | 'failure', detail: Record<string, unknown>) =>
    recordAuditEvent({ actor, action: 'oauth.force_refresh', targetType: 'oauth', target: input.appId, env: input.env, outcome, detail: { owner: ownerKey === 'team' ? 'team' : 'member', ...detail } });
  try {
    const token = await obtainAccessToken({ appId: input.appId, env: input.env, ownerKey, forceRefresh: true });
    await audit('success', {});
    return { app_id: input.appId, env: input.env, owner, status: 'connected', expires_at: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(), scopes: token.scopes };
  } catch (e) {
    await audit('failure', { reason: (e as Error).message.slice(0, 200) });
    throw e;
  }
}
