'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { displayNameSchema } from '@/lib/connections/display-name-schema';
import { setDisplayName } from '@/lib/connections/set-display-name';
import { disconnectConnection } from '@/lib/member-home/disconnect-connection';

const disconnectSchema = z.object({ appId: appIdSchema, env: envNameSchema });

/** The signed-in member's own connection only: the owner comes from the session, never the input. */
export const disconnectAction = defineAction({ role: 'user', schema: disconnectSchema, revalidate: '/connections' }, async ({ actor, input }) => {
  const { revocation } = await disconnectConnection(actor, input.appId, input.env);
  return { revokedAtProvider: revocation === 'revoked' };
});

export const setDisplayNameAction = defineAction(
  { role: 'admin', schema: displayNameSchema, revalidate: (input) => `/connections/${input.appId}` },
  async ({ actor, input }) => {
    await setDisplayName(actor, input);
  },
);
