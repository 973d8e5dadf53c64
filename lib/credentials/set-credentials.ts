import 'server-only';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { deny, isAdmin, type Actor } from '@/lib/auth/actor';
import type { StoredAuthSettings } from '@/lib/connections/auth-settings-schema';
import type { CredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { fitScopeChoice, resolveScopes, ScopeChoiceError, type ScopeChoice, type ScopeSettings } from '@/lib/connections/resolve-scopes';
import { assertKindRuns } from '@/lib/connections/connection-warnings';
import { fieldsFor, KIND_REGISTRY, type EnvName, type FieldDef } from '@/lib/connections/kinds';
import { writeTransaction } from '@/lib/db/client';
import { credentials, type CredentialRow, type EnvironmentRow } from '@/lib/db/schema';
import { AppError, badInput, type FieldErrors } from '@/lib/errors';
import { emitCredentialEvent } from '@/lib/health/credential-events';
import { clearedFailureState } from '@/lib/health/failure-state';
import { openSecrets, sealSecrets, secretNamesOf, type CredentialSecrets } from './credential-secrets';
import { mergeParameters } from './parameter-values';

type Part = { ownerKey: string; userId: string | null; fields: FieldDef[]; parameters: boolean };

/** Which rows this call writes: the team's, the caller's own, or (admins on member OAuth) both. */
function partsFor(actor: Actor, env: EnvironmentRow, input: CredentialsInput): Part[] {
  const kind = env.kind;
  if (env.type === 'team') {
    if (!isAdmin(actor)) throw deny(actor, 'Team credentials are set by admins.');
    return [{ ownerKey: 'team', userId: null, fields: fieldsFor(kind, 'team', 'team'), parameters: true }];
  }
  const registration = fieldsFor(kind, 'member', 'team');
  const own = fieldsFor(kind, 'member', 'member');
  const parts: Part[] = [];
  const setsRegistration = registration.some((f) => input[f.name] !== undefined);
  if (setsRegistration) {
    if (!isAdmin(actor)) throw deny(actor, 'The client registration of a member connection is set by admins.');
    parts.push({ ownerKey: 'team', userId: null, fields: registration, parameters: false });
  }
  const setsOwn = own.some((f) => input[f.name] !== undefined) || input.parameters !== undefined || input.scope_choice !== undefined || !setsRegistration;
  if (setsOwn) {
    if (!actor.id) throw badInput('Member credentials belong to a signed-in user; set them as that user.');
    parts.push({ ownerKey: actor.id, userId: actor.id, fields: own, parameters: true });
  }
  return parts;
}

function mergePart(part: Part, env: EnvironmentRow, input: CredentialsInput, existing: CredentialRow | undefined, errors: FieldErrors, later: readonly string[] = []) {
  const storedSecrets = existing ? openSecrets(existing) : {};
  const storedPublic = (existing?.publicValues ?? {}) as Record<string, unknown>;
  const publicValues: Record<string, unknown> = {};
  const secrets: CredentialSecrets = {};
  for (const field of part.fields) {
    // Omitted keeps what is stored, null clears: the same rule for secret and public fields.
    const value = input[field.name];
    const next = value === undefined ? (field.secret ? storedSecrets[field.name] : storedPublic[field.name]) : value;
    if (next !== null && next !== undefined) {
      if (field.secret) secrets[field.name] = next;
      else publicValues[field.name] = next;
    }
    const present = field.secret ? secrets[field.name] !== undefined : publicValues[field.name] !== undefined;
    if (field.required && !present && !later.includes(field.name)) errors[field.name] = `${field.label} is required.`;
  }
  if (part.parameters) {
    const settings: Partial<StoredAuthSettings> = env.authSettings ?? {};
    const merged = mergeParameters(
      settings.parameters ?? [],
      input.parameters ?? undefined,
      { public: (storedPublic.parameters ?? {}) as Record<string, string>, secret: storedSecrets.parameters ?? {} },
      errors,
    );
    if (Object.keys(merged.public).length) publicValues.parameters = merged.public;
    if (Object.keys(merged.secret).length) secrets.parameters = merged.secret;
    if (input.scope_choice) {
      const checked = checkScopeChoice(settings.scopes, input.scope_choice);
      if ('error' in checked) errors[`scope_choice.${checked.field}`] = checked.error;
      else publicValues.scope_choice = input.scope_choice;
    } else if (input.scope_choice === undefined && storedPublic.scope_choice && settings.scopes) {
      // A choice kept from before a settings change is cut to fit, never a reason to refuse the save.
      publicValues.scope_choice = fitScopeChoice(settings.scopes, storedPublic.scope_choice as ScopeChoice);
    }
  }
  return { publicValues, secrets };
}

/** A member's scope choice must fit the builder's scope settings (required scopes stay, limits hold). */
function checkScopeChoice(settings: ScopeSettings | undefined, choice: ScopeChoice): { ok: true } | { field: string; error: string } {
  if (!settings) return { field: 'mode', error: 'This connection has no scope settings to choose from.' };
  try {
    resolveScopes(settings, choice);
    return { ok: true };
  } catch (e) {
    if (e instanceof ScopeChoiceError) return { field: e.field, error: e.message };
    throw e;
  }
}

export type SetCredentialsResult = { owners: string[]; fields: string[] };

export type SetCredentialsOptions = {
  /**
   * Required fields that a separate step sets later, e.g. the CLI's `set-identity-provider` and
   * `set-credentials` each set one half of an on-behalf-of registration, as orchestrate does.
   */
  setLater?: readonly string[];
};

export async function setCredentials(actor: Actor, appId: string, envName: EnvName, input: CredentialsInput, options: SetCredentialsOptions = {}): Promise<SetCredentialsResult> {
  return writeTransaction(async (tx) => {
    const { environment: env } = await getEnvironment(appId, envName, tx);
    const kind = env.kind;
    if (input.kind !== kind) throw badInput(`This environment is ${kind}, not ${input.kind}.`, { kind: `Expected ${kind}.` });
    assertKindRuns(kind);
    const parts = partsFor(actor, env, input);
    const errors: FieldErrors = {};
    const writes = [];
    for (const part of parts) {
      const [existing] = await tx
        .select()
        .from(credentials)
        .where(and(eq(credentials.environmentId, env.id), eq(credentials.ownerKey, part.ownerKey)))
        .limit(1);
      writes.push({ part, existing, ...mergePart(part, env, input, existing, errors, options.setLater) });
    }
    if (Object.keys(errors).length) throw new AppError('bad_input', 'Some credential fields need attention.', errors);

    const grant = KIND_REGISTRY[kind].grant;
    for (const { part, existing, publicValues, secrets } of writes) {
      const id = existing?.id ?? crypto.randomUUID();
      const isRegistrationOnly = env.type === 'member' && part.ownerKey === 'team';
      // Tokens of a token grant are fetched again with the new values; consented tokens are kept.
      const keepTokens = grant === 'authorization_code' || isRegistrationOnly;
      const tokens = keepTokens ? (existing?.tokens ?? null) : null;
      const status = isRegistrationOnly || grant !== 'authorization_code' || tokens ? 'connected' : 'missing';
      const row = {
        publicValues,
        secretValues: sealSecrets(id, secrets),
        secretNames: secretNamesOf(secrets),
        tokens,
        tokenExpiresAt: tokens ? (existing?.tokenExpiresAt ?? null) : null,
        hasRefreshToken: tokens ? (existing?.hasRefreshToken ?? false) : false,
        grantedScopes: tokens ? (existing?.grantedScopes ?? null) : null,
        status: (tokens && existing ? existing.status : status) as CredentialRow['status'],
        statusMessage: tokens && existing ? existing.statusMessage : null,
        settingsVersion: env.settingsVersion,
        // Omitted keeps the stored date, null or blank clears it (like the other non-secret fields).
        expiresOn: input.expires_on === undefined ? (existing?.expiresOn ?? null) : (input.expires_on as string | null),
        updatedBy: actor.email,
        updatedAt: Date.now(),
        // New values deserve a try now: no cooldown or exhausted refresh carries over.
        ...clearedFailureState(existing),
        // New values are not verified yet (consented tokens, kept, still are).
        lastSuccessAt: tokens ? (existing?.lastSuccessAt ?? null) : null,
      };
      if (existing) await tx.update(credentials).set(row).where(eq(credentials.id, id));
      else await tx.insert(credentials).values({ id, environmentId: env.id, ownerKey: part.ownerKey, userId: part.userId, ...row });
      await recordAuditEvent(
        {
          actor,
          action: 'credentials.set',
          targetType: 'credentials',
          target: appId,
          env: envName,
          detail: { owner: part.ownerKey === 'team' ? 'team' : 'member', fields: Object.keys(publicValues).concat(secretNamesOf(secrets)).sort() },
        },
        tx,
      );
      await emitCredentialEvent(tx, existing ? 'credential.updated' : 'credential.created', { appId, env: envName, kind, userId: part.userId }, 'success');
    }
    return {
      owners: writes.map((w) => (w.part.ownerKey === 'team' ? 'team' : actor.email)),
      fields: writes.flatMap((w) => w.part.fields.map((f) => f.name)),
    };
  });
}

/** Removes the caller's own credentials, or (admins) the team's, for one environment. */
export async function clearCredentials(actor: Actor, appId: string, envName: EnvName, owner: 'team' | 'self'): Promise<void> {
  await writeTransaction(async (tx) => {
    const { environment: env } = await getEnvironment(appId, envName, tx);
    if (owner === 'team' && !isAdmin(actor)) throw deny(actor, 'Team credentials are cleared by admins.');
    const ownerKey = owner === 'team' ? 'team' : actor.id;
    if (!ownerKey) throw badInput('Member credentials belong to a signed-in user.');
    await tx.delete(credentials).where(and(eq(credentials.environmentId, env.id), eq(credentials.ownerKey, ownerKey)));
    await recordAuditEvent({ actor, action: 'credentials.clear', targetType: 'credentials', target: appId, env: envName, detail: { owner } }, tx);
  });
}
