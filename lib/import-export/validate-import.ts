import { connectionSchema, type ConnectionDocument } from '@/lib/connections/connection-schema';
import { readConnectionDocument } from '@/lib/connections/read-connection-document';
import { splitUnknownKeys } from '@/lib/errors';
import { describeIssue, parseConnectionFile, type ImportIssue } from './parse-connection-file';

/** `warnings`: what was accepted but ignored (unknown keys, a non-settings `auth:`), with document and line. */
export type ValidatedImport = { documents: ConnectionDocument[]; issues: ImportIssue[]; warnings: string[] };

/**
 * Parses a file and checks every document against the one connection schema (the same one the
 * console form, the API and the CLI use). Any issue anywhere means nothing is imported.
 */
export function validateImport(text: string): ValidatedImport {
  const parsed = parseConnectionFile(text);
  const issues = [...parsed.issues];
  const documents: ConnectionDocument[] = [];
  const warnings: string[] = [];
  const firstSeen = new Map<string, number>();
  for (const source of parsed.documents) {
    if (!source.value || typeof source.value !== 'object' || Array.isArray(source.value)) {
      issues.push({ document: source.index, path: '', line: source.lineOf([]), message: 'A document must be a mapping (kind: connection).' });
      continue;
    }
    const read = readConnectionDocument(source.value, { file: true });
    const at = (path: readonly PropertyKey[], message: string): ImportIssue => {
      const written = read.sourcePath(path);
      return { document: source.index, path: written.map(String).join('.'), line: source.lineOf(written), message };
    };
    warnings.push(...read.warnings.map((w) => describeIssue(at(w.path, w.message))));
    const result = connectionSchema.safeParse(read.value);
    const reported = new Set(read.errors.map((e) => e.path.map(String).join('.')));
    const schemaIssues = result.success ? [] : splitUnknownKeys(result.error.issues).filter((i) => !reported.has(i.path.map(String).join('.')));
    if (read.errors.length || schemaIssues.length) {
      for (const issue of [...read.errors, ...schemaIssues]) issues.push(at(issue.path, issue.message));
      continue;
    }
    if (!result.success) continue;
    const appId = result.data.app_id;
    const first = firstSeen.get(appId);
    if (first !== undefined) {
      issues.push({
        document: source.index,
        path: 'app_id',
        line: source.lineOf(['app_id']),
        message: `Duplicate app ID "${appId}": document ${first + 1} already defines it.`,
      });
      continue;
    }
    firstSeen.set(appId, source.index);
    documents.push(result.data);
  }
  issues.sort((a, b) => a.document - b.document || (a.line ?? 0) - (b.line ?? 0));
  return { documents, issues, warnings };
}

/** `{ "documents.2.environments.draft.kind": "Line 7: …" }` for the API's `fields` and the console. */
export function issueFields(issues: ImportIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = ['documents', issue.document, issue.path].filter((p) => p !== '').join('.');
    fields[key] ??= issue.line !== null ? `Line ${issue.line}: ${issue.message}` : issue.message;
  }
  return fields;
}
