'use server';

import { defineAction } from '@/lib/actions/define-action';
import { createConnectLinkSchema } from '@/lib/connect-links/connect-link-schemas';
import { createConnectLink } from '@/lib/connect-links/create-connect-link';

/** Returns the link once, to copy; only its hash is stored. */
export const createConnectLinkAction = defineAction({ role: 'admin', schema: createConnectLinkSchema }, ({ actor, input }) =>
  createConnectLink(actor, input),
);
