'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { testConnection } from '@/lib/oauth/test-connection';

const testSchema = z.object({ appId: appIdSchema, env: envNameSchema, subjectToken: z.string().max(16_384).optional().transform((v) => v || undefined) });

/** Public endpoint: defineAction checks the session; the lib checks team vs own. */
export const testConnectionAction = defineAction(
  { role: 'user', schema: testSchema, revalidate: ({ appId }) => `/connections/${appId}`, revalidateOnError: '/connections' },
  ({ actor, input }) => testConnection(actor, input),
);
