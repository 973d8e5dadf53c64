'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { connectionSchema, environmentConfigSchema } from '@/lib/connections/connection-schema';
import { configureEnvironment, createConnection, deleteConnection } from '@/lib/connections/save-connection';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { readCredentialsInput } from '@/lib/credentials/credential-input';
import { clearCredentials, setCredentials } from '@/lib/credentials/set-credentials';

// Server actions are public endpoints: defineAction checks the session (and the admin role where
// only admins may act) and validates the input; the lib verbs check the role again, and the owner
// of member credentials.

export const createConnectionAction = defineAction(
  { role: 'admin', schema: connectionSchema, revalidate: '/connections' },
  async ({ actor, input }) => {
    await createConnection(actor, input);
    return { appId: input.app_id };
  },
);

const configureSchema = z.object({
  appId: appIdSchema,
  env: envNameSchema,
  config: environmentConfigSchema,
  confirmCredentialRemoval: z.boolean().default(false),
});

export const configureEnvironmentAction = defineAction(
  { role: 'admin', schema: configureSchema, revalidate: ({ appId }) => `/connections/${appId}` },
  async ({ actor, input: { appId, env, config, confirmCredentialRemoval } }) => {
    const result = await configureEnvironment(actor, appId, env, config, { confirmCredentialRemoval });
    return { credentialsRemoved: result.credentialsRemoved };
  },
);

export const deleteConnectionAction = defineAction(
  { role: 'admin', schema: z.object({ appId: appIdSchema }), revalidate: '/connections' },
  ({ actor, input }) => deleteConnection(actor, input.appId),
);

// `values` are the form's fields; the credential pipeline parses them for the environment's kind.
const credentialsActionSchema = z.object({ appId: appIdSchema, env: envNameSchema, values: z.record(z.string(), z.unknown()) });

export const setCredentialsAction = defineAction(
  { role: 'user', schema: credentialsActionSchema, fieldsUnder: 'values', revalidate: ({ appId }) => `/connections/${appId}` },
  async ({ actor, input: { appId, env, values } }) => {
    await setCredentials(actor, appId, env, await readCredentialsInput(appId, env, values, { message: 'Some fields need attention.' }));
  },
);

const clearSchema = z.object({ appId: appIdSchema, env: envNameSchema, owner: z.enum(['team', 'self']) });

export const clearCredentialsAction = defineAction(
  { role: 'user', schema: clearSchema, revalidate: ({ appId }) => `/connections/${appId}` },
  ({ actor, input }) => clearCredentials(actor, input.appId, input.env, input.owner),
);
