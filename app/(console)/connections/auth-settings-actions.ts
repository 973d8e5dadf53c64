'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { promoteDraftToLive, setAuthSettings } from '@/lib/connections/auth-settings';
import { authSettingsSchema } from '@/lib/connections/auth-settings-schema';
import { listCredentialOwners } from '@/lib/credentials/credential-view';
import { getEnvironment } from '@/lib/connections/get-connection';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';

// Public endpoints: each action checks the session and the admin role itself (the lib verbs check again).

const authSettingsActionSchema = z.object({ appId: appIdSchema, env: envNameSchema, settings: authSettingsSchema });

export async function saveAuthSettingsAction(input: unknown): Promise<ActionResult<{ settingsVersion: number; ownersToReview: number }>> {
  try {
    const actor = await requireAdmin();
    const parsed = authSettingsActionSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues.map((i) => ({ ...i, path: i.path.slice(i.path[0] === 'settings' ? 1 : 0) })));
    const { appId, env, settings } = parsed.data;
    const result = setAuthSettings(actor, appId, env, settings);
    const owners = listCredentialOwners(getEnvironment(appId, env).environment);
    revalidatePath(`/connections/${appId}`);
    return { ok: true, data: { settingsVersion: result.settingsVersion, ownersToReview: owners.filter((o) => o.needsReview).length } };
  } catch (e) {
    return toActionResult(e);
  }
}

const promoteSchema = z.object({ appId: appIdSchema, confirmCredentialRemoval: z.boolean().default(false) });

export async function promoteDraftAction(input: unknown): Promise<ActionResult<{ credentialsRemoved: number }>> {
  try {
    const actor = await requireAdmin();
    const parsed = promoteSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = promoteDraftToLive(actor, parsed.data.appId, { confirmCredentialRemoval: parsed.data.confirmCredentialRemoval });
    revalidatePath(`/connections/${parsed.data.appId}`);
    return { ok: true, data: { credentialsRemoved: result.credentialsRemoved } };
  } catch (e) {
    return toActionResult(e);
  }
}
