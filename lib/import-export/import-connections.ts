import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { saveConnectionDocument } from '@/lib/connections/save-connection';
import { writeTransaction } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import { invalidImportError, planDocuments, type ImportPlan } from './plan-import';
import { validateImport } from './validate-import';

export type ImportOptions = { confirmCredentialRemoval?: boolean };

/**
 * Imports every document of a file in one transaction: all or nothing. Existing app ids are
 * replaced by their document (as `orchestrate connections import` does); removing stored
 * credentials (a kind/type/sso change) needs `confirmCredentialRemoval`.
 */
export async function importConnections(actor: Actor, text: string, options: ImportOptions = {}): Promise<ImportPlan> {
  assertAdmin(actor, 'Only admins can import connections.');
  const { documents, issues, warnings } = validateImport(text);
  if (issues.length) throw invalidImportError(issues);
  return writeTransaction(async (tx) => {
    const plan = await planDocuments(documents, tx, warnings);
    for (const [index, doc] of documents.entries()) {
      try {
        const result = await saveConnectionDocument(tx, doc, 'upsert', { confirmCredentialRemoval: options.confirmCredentialRemoval });
        await recordAuditEvent(
          {
            actor,
            action: result.created ? 'connection.import.create' : 'connection.import.update',
            targetType: 'connection',
            target: doc.app_id,
            detail: { environments: Object.keys(doc.environments), credentialsRemoved: result.credentialsRemoved },
          },
          tx,
        );
      } catch (e) {
        if (isAppError(e)) {
          throw new AppError(e.code, `"${doc.app_id}" (document ${index + 1}): ${e.message} Nothing was imported.`, { [`documents.${index}`]: e.message }, e.extra);
        }
        throw e;
      }
    }
    return plan;
  }, { isolation: 'read committed' });
}
