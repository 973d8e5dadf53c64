'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { verifyCredentials } from '@/lib/health/verify-credentials';

const verifySchema = z.strictObject({ appId: appIdSchema, env: envNameSchema });

/** "Test" for static credentials: the lib checks team (admins) vs own. */
export const verifyCredentialsAction = defineAction(
  { role: 'user', schema: verifySchema, revalidate: (input) => `/connections/${input.appId}` },
  ({ actor, input }) => verifyCredentials(actor, input),
);
