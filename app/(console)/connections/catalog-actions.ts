'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { createFromAnyTemplate } from '@/lib/catalog/create-from-template';
import { templateInputSchema } from '@/lib/catalog/template-document';
import { discoverIssuer } from '@/lib/oauth/discover-issuer';

export const createFromTemplateAction = defineAction({ role: 'admin', schema: templateInputSchema, revalidate: '/connections' }, async ({ actor, input }) => {
  const result = await createFromAnyTemplate(actor, input);
  return { appId: result.appId };
});

const discoverSchema = z.object({ issuer: z.url({ protocol: /^https?$/, error: 'Enter the issuer’s http(s) URL.' }).max(2000) });

/** "Fill from issuer URL": the provider's public metadata (no secret), through the outbound guard. */
export const discoverIssuerAction = defineAction({ role: 'admin', schema: discoverSchema }, ({ input }) => discoverIssuer(input.issuer));
