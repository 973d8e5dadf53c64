'use server';

import { defineAction } from '@/lib/actions/define-action';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { createApiKeySchema, revokeApiKeySchema } from '@/lib/api-keys/api-key-schemas';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';

/** Returns the clear key once, to show it; it is never readable again. */
export const createApiKeyAction = defineAction({ role: 'admin', schema: createApiKeySchema, revalidate: '/settings/api-keys' }, async ({ actor, input }) => {
  const created = await createApiKey(actor, input);
  return { key: created.key, name: created.name, userEmail: created.userEmail };
});

export const revokeApiKeyAction = defineAction({ role: 'admin', schema: revokeApiKeySchema, revalidate: '/settings/api-keys' }, ({ actor, input }) =>
  revokeApiKey(actor, input.id),
);
