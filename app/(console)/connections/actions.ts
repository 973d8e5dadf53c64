'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin, requireUser } from '@/lib/auth/session';
import { connectionSchema, environmentConfigSchema } from '@/lib/connections/connection-schema';
import { credentialsInputSchema } from '@/lib/connections/credentials-schema';
import { configureEnvironment, createConnection, deleteConnection } from '@/lib/connections/save-connection';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { clearCredentials, setCredentials } from '@/lib/credentials/set-credentials';

// Server actions are public endpoints: each one checks the session (and the admin role where only
// admins may act) and validates its input itself; the lib verbs check the role again, and the owner
// of member credentials.

export async function createConnectionAction(input: unknown): Promise<ActionResult<{ appId: string }>> {
  try {
    const actor = await requireAdmin();
    const parsed = connectionSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    createConnection(actor, parsed.data);
    revalidatePath('/connections');
    return { ok: true, data: { appId: parsed.data.app_id } };
  } catch (e) {
    return toActionResult(e);
  }
}

const configureSchema = z.object({
  appId: appIdSchema,
  env: envNameSchema,
  config: environmentConfigSchema,
  confirmCredentialRemoval: z.boolean().default(false),
});

export async function configureEnvironmentAction(input: unknown): Promise<ActionResult<{ credentialsRemoved: number }>> {
  try {
    const actor = await requireAdmin();
    const parsed = configureSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const { appId, env, config, confirmCredentialRemoval } = parsed.data;
    const result = configureEnvironment(actor, appId, env, config, { confirmCredentialRemoval });
    revalidatePath(`/connections/${appId}`);
    return { ok: true, data: { credentialsRemoved: result.credentialsRemoved } };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function deleteConnectionAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireAdmin();
    const appId = appIdSchema.safeParse((input as { appId?: unknown } | null)?.appId);
    if (!appId.success) return invalidInput(appId.error.issues);
    deleteConnection(actor, appId.data);
    revalidatePath('/connections');
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}

const credentialsActionSchema = z.object({ appId: appIdSchema, env: envNameSchema, values: credentialsInputSchema });

export async function setCredentialsAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    const parsed = credentialsActionSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues.map((i) => ({ ...i, path: i.path.slice(i.path[0] === 'values' ? 1 : 0) })));
    const { appId, env, values } = parsed.data;
    setCredentials(actor, appId, env, values);
    revalidatePath(`/connections/${appId}`);
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}

const clearSchema = z.object({ appId: appIdSchema, env: envNameSchema, owner: z.enum(['team', 'self']) });

export async function clearCredentialsAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    const parsed = clearSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    clearCredentials(actor, parsed.data.appId, parsed.data.env, parsed.data.owner);
    revalidatePath(`/connections/${parsed.data.appId}`);
    return { ok: true };
  } catch (e) {
    return toActionResult(e);
  }
}
