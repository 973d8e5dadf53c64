import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { isAdmin, type Actor } from '@/lib/auth/actor';
import type { AuthSettings, VerificationSettings } from '@/lib/connections/auth-settings-schema';
import { resolvedConfigValues } from '@/lib/connections/environment-mapping';
import { fillPlaceholders } from '@/lib/connections/fill-placeholders';
import type { EnvName, Kind } from '@/lib/connections/kinds';
import { openSecrets } from '@/lib/credentials/credential-secrets';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { writeTransaction } from '@/lib/db/client';
import { credentials, type CredentialRow, type EnvironmentRow } from '@/lib/db/schema';
import { AppError, badInput, forbidden } from '@/lib/errors';
import { findEnvironmentRow } from '@/lib/oauth/client-config';
import { outboundFetch } from '@/lib/oauth/outbound';
import { emitCredentialEvent } from './credential-events';

/**
 * The verification request of static credentials (basic, bearer, api_key): `server_url` + the
 * configured path, with the credentials applied, must answer the expected status. Run by "Test" and
 * daily by the sweep; the outcome is the credential's status (`connected` or `error` with the
 * provider's status) and its failure state. The request goes through the outbound guard.
 */
export const VERIFIABLE_KINDS: readonly Kind[] = ['basic', 'bearer', 'api_key'];
export const VERIFY_EVERY_MS = 24 * 3_600_000;

export type VerificationResult = { status: 'connected' | 'error'; httpStatus: number | null; message: string | null; checkedAt: number };

export function verificationOf(environment: Pick<EnvironmentRow, 'authSettings'>): VerificationSettings | undefined {
  return (environment.authSettings as Partial<AuthSettings> | null)?.verification;
}

function headersFor(kind: Kind, row: CredentialRow, settings: VerificationSettings): Record<string, string> {
  const secrets = openSecrets(row) as Record<string, unknown>;
  const publicValues = row.publicValues as Record<string, unknown>;
  if (kind === 'basic') return { authorization: `Basic ${Buffer.from(`${String(publicValues.username ?? '')}:${String(secrets.password ?? '')}`).toString('base64')}` };
  if (kind === 'bearer') return { authorization: `Bearer ${String(secrets.token ?? '')}` };
  return { [settings.api_key_header]: String(secrets.api_key ?? '') };
}

async function record(row: CredentialRow, ref: { appId: string; env: EnvName; kind: Kind }, result: VerificationResult, actor: Actor | null) {
  await writeTransaction(async (tx) => {
    const ok = result.status === 'connected';
    const now = result.checkedAt;
    await tx
      .update(credentials)
      .set(
        ok
          ? { status: 'connected', statusMessage: null, lastSuccessAt: now, consecutiveFailures: 0, failingSince: null, nextRetryAt: null }
          : {
              status: 'error',
              statusMessage: result.message,
              lastFailureAt: now,
              lastFailureCode: 'verification_failed',
              lastFailureMessage: result.message,
              consecutiveFailures: row.consecutiveFailures + 1,
              failingSince: row.failingSince ?? now,
            },
      )
      .where(eq(credentials.id, row.id));
    await recordAuditEvent({ actor, action: 'credentials.verify', targetType: 'credentials', target: ref.appId, env: ref.env, outcome: ok ? 'success' : 'failure', detail: { owner: row.ownerKey === 'team' ? 'team' : 'member', http_status: result.httpStatus } }, tx);
    const eventRef = { ...ref, userId: row.userId };
    if (ok && row.consecutiveFailures > 0) await emitCredentialEvent(tx, 'credential.recovered', eventRef, 'success');
    if (!ok && row.consecutiveFailures === 0) await emitCredentialEvent(tx, 'credential.refresh_failed', eventRef, 'failure', { code: 'verification_failed', message: result.message });
  });
}

/** Sends the verification request for one owner's credentials and records the outcome. */
export async function runVerification(appId: string, env: EnvName, environment: EnvironmentRow, row: CredentialRow, actor: Actor | null): Promise<VerificationResult> {
  const kind = environment.kind;
  const settings = verificationOf(environment);
  if (!settings) throw badInput(`"${appId}" (${env}) has no verification request: set one in the auth settings.`);
  if (!VERIFIABLE_KINDS.includes(kind)) throw badInput(`${kind} credentials are not checked with a verification request.`);
  if (!environment.serverUrl) throw badInput(`"${appId}" (${env}) has no server_url to send the verification request to.`);
  const parameters = ((row.publicValues as Record<string, unknown>).parameters ?? {}) as Record<string, string>;
  const base = fillPlaceholders(environment.serverUrl, { ...resolvedConfigValues(environment), ...parameters }, 'server_url');
  const url = `${base.replace(/\/+$/, '')}${settings.path}`;
  const checkedAt = Date.now();
  let result: VerificationResult;
  try {
    const response = await outboundFetch(url, { method: settings.method, headers: headersFor(kind, row, settings) });
    await response.arrayBuffer().catch(() => undefined);
    result =
      response.status === settings.expected_status
        ? { status: 'connected', httpStatus: response.status, message: null, checkedAt }
        : { status: 'error', httpStatus: response.status, message: `The verification request (${settings.method} ${settings.path}) answered ${response.status}, expected ${settings.expected_status}.`, checkedAt };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'provider_failed') throw e;
    result = { status: 'error', httpStatus: null, message: `The verification request failed: ${e.message}`, checkedAt };
  }
  await record(row, { appId, env, kind }, result, actor);
  return result;
}

/** "Test" for static credentials: the team's (admins) or the caller's own. */
export async function verifyCredentials(actor: Actor, input: { appId: string; env: EnvName }): Promise<VerificationResult> {
  const environment = await findEnvironmentRow(input.appId, input.env);
  const ownerKey = environment.type === 'team' ? 'team' : actor.id;
  if (ownerKey === 'team' && !isAdmin(actor)) throw forbidden('Only admins test team credentials.');
  if (!ownerKey) throw badInput('Member credentials belong to a signed-in user.');
  if (!verificationOf(environment)) throw badInput(`"${input.appId}" (${input.env}) has no verification request: set one in the auth settings.`);
  const row = await findCredentialRow(environment.id, ownerKey);
  if (!row || row.status === 'missing') throw new AppError('conflict', 'Set the credentials first, then test them.');
  return runVerification(input.appId, input.env, environment, row, actor);
}
