'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { promoteDraftToLive, setAuthSettings } from '@/lib/connections/auth-settings';
import { authSettingsSchema } from '@/lib/connections/auth-settings-schema';
import { listCredentialOwners } from '@/lib/credentials/credential-view';
import { getEnvironment } from '@/lib/connections/get-connection';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';

// Public endpoints: defineAction checks the session and the admin role (the lib verbs check again).

const authSettingsActionSchema = z.object({ appId: appIdSchema, env: envNameSchema, settings: authSettingsSchema });

export const saveAuthSettingsAction = defineAction(
  { role: 'admin', schema: authSettingsActionSchema, fieldsUnder: 'settings', revalidate: ({ appId }) => `/connections/${appId}` },
  async ({ actor, input: { appId, env, settings } }) => {
    const result = await setAuthSettings(actor, appId, env, settings);
    const owners = await listCredentialOwners((await getEnvironment(appId, env)).environment);
    return { settingsVersion: result.settingsVersion, ownersToReview: owners.filter((o) => o.needsReview).length };
  },
);

const promoteSchema = z.object({ appId: appIdSchema, confirmCredentialRemoval: z.boolean().default(false) });

export const promoteDraftAction = defineAction(
  { role: 'admin', schema: promoteSchema, revalidate: ({ appId }) => `/connections/${appId}` },
  async ({ actor, input }) => {
    const result = await promoteDraftToLive(actor, input.appId, { confirmCredentialRemoval: input.confirmCredentialRemoval });
    return { credentialsRemoved: result.credentialsRemoved };
  },
);
