'use server';

import * as z from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { importConnections } from '@/lib/import-export/import-connections';
import { planImport } from '@/lib/import-export/plan-import';
import { YAML_LIMITS } from '@/lib/import-export/yaml-limits';

const importInputSchema = z.object({
  text: z.string().min(1, 'Paste or upload a file first.').max(YAML_LIMITS.maxBytes, 'The file is too large.'),
  confirmCredentialRemoval: z.boolean().default(false),
});

/** Validates and plans; writes nothing. Errors carry `extra.issues` (document, line, path). */
export const previewImportAction = defineAction({ role: 'admin', schema: importInputSchema }, ({ input }) => planImport(input.text));

export const importConnectionsAction = defineAction(
  { role: 'admin', schema: importInputSchema, revalidate: '/connections' },
  ({ actor, input }) => importConnections(actor, input.text, { confirmCredentialRemoval: input.confirmCredentialRemoval }),
);
