'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requireAdmin } from '@/lib/auth/session';
import { importConnections } from '@/lib/import-export/import-connections';
import { planImport, type ImportPlan } from '@/lib/import-export/plan-import';
import { YAML_LIMITS } from '@/lib/import-export/yaml-limits';

const importInputSchema = z.object({
  text: z.string().min(1, 'Paste or upload a file first.').max(YAML_LIMITS.maxBytes, 'The file is too large.'),
  confirmCredentialRemoval: z.boolean().default(false),
});

/** Validates and plans; writes nothing. Errors carry `extra.issues` (document, line, path). */
export async function previewImportAction(input: unknown): Promise<ActionResult<ImportPlan>> {
  try {
    await requireAdmin();
    const parsed = importInputSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return { ok: true, data: planImport(parsed.data.text) };
  } catch (e) {
    return toActionResult(e);
  }
}

export async function importConnectionsAction(input: unknown): Promise<ActionResult<ImportPlan>> {
  try {
    const actor = await requireAdmin();
    const parsed = importInputSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const plan = importConnections(actor, parsed.data.text, { confirmCredentialRemoval: parsed.data.confirmCredentialRemoval });
    revalidatePath('/connections');
    return { ok: true, data: plan };
  } catch (e) {
    return toActionResult(e);
  }
}
