'use server';

import { defineAction } from '@/lib/actions/define-action';
import { returnToAllowlistSchema, saveReturnToAllowlist } from '@/lib/connect-links/return-to-allowlist';

export const saveReturnToAllowlistAction = defineAction(
  { role: 'admin', schema: returnToAllowlistSchema, revalidate: '/settings/connect-links' },
  async ({ actor, input }) => {
    await saveReturnToAllowlist(actor, input.entries);
  },
);
