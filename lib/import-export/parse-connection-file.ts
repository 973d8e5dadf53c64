import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { findNestingViolation, valueDepth, YAML_LIMITS } from './yaml-limits';

/** A problem in an uploaded file: which document (0-based), which field, which line (1-based). */
export type ImportIssue = { document: number; path: string; line: number | null; message: string };

/** One document of the file, with a way to find the line of any field path in it. */
export type SourceDocument = { index: number; value: unknown; lineOf(path: readonly PropertyKey[]): number | null };

export type ParsedFile = { documents: SourceDocument[]; issues: ImportIssue[] };

function fileIssue(message: string, line: number | null = null, document = 0): ParsedFile {
  return { documents: [], issues: [{ document, path: '', line, message }] };
}

/** The child at `key`, and the node to point at for it: a mapping's key line, a list's item. */
function childNode(node: unknown, key: PropertyKey): { value: unknown; at: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key));
    return pair ? { value: pair.value ?? pair.key, at: pair.key ?? pair.value } : undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(key)];
    return item === undefined ? undefined : { value: item, at: item };
  }
  return undefined;
}

function locator(base: unknown, counter: LineCounter) {
  return (path: readonly PropertyKey[]): number | null => {
    let node = base;
    let at = base;
    for (const key of path) {
      const next = childNode(node, key);
      if (next === undefined) break;
      node = next.value;
      at = next.at;
    }
    const range = (at as Node | null)?.range;
    return range ? counter.linePos(range[0]).line : null;
  };
}

/**
 * Parses YAML or JSON (JSON is YAML): one or many documents separated by `---`, or a JSON/YAML
 * list of documents. Enforces the limits of yaml-limits.ts; reports problems with their line.
 */
export function parseConnectionFile(text: string): ParsedFile {
  if (Buffer.byteLength(text, 'utf8') > YAML_LIMITS.maxBytes) {
    return fileIssue(`The file is larger than ${YAML_LIMITS.maxBytes / 1024 / 1024} MiB.`);
  }
  const nesting = findNestingViolation(text);
  if (nesting) return fileIssue(nesting.message, nesting.line);
  const counter = new LineCounter();
  let parsed;
  try {
    parsed = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch {
    return fileIssue('The file could not be parsed as YAML or JSON.');
  }
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  if (docs.length > YAML_LIMITS.maxDocuments) return fileIssue(`The file has more than ${YAML_LIMITS.maxDocuments} documents.`);

  const documents: SourceDocument[] = [];
  const issues: ImportIssue[] = [];
  let position = 0;
  for (const doc of docs) {
    if (doc.contents === null && !doc.errors.length) continue; // an empty document, for example after a trailing `---`
    const index = position++;
    const problem = doc.errors[0];
    if (problem) {
      const line = problem.linePos?.[0]?.line ?? counter.linePos(problem.pos[0]).line;
      const message = problem.code === 'DUPLICATE_KEY' ? 'Duplicate key: each key may appear only once in a mapping.' : problem.message.split('\n')[0];
      issues.push({ document: index, path: '', line, message: `Not valid YAML: ${message}` });
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
    } catch {
      const line = doc.contents.range ? counter.linePos(doc.contents.range[0]).line : null;
      issues.push({ document: index, path: '', line, message: 'Too many aliases: the file expands beyond a safe size (YAML alias bomb).' });
      continue;
    }
    if (valueDepth(value, YAML_LIMITS.maxDepth) > YAML_LIMITS.maxDepth) {
      issues.push({ document: index, path: '', line: null, message: `Nested more than ${YAML_LIMITS.maxDepth} levels deep.` });
      continue;
    }
    // A top-level list (a JSON array, or a YAML sequence) holds several documents.
    if (Array.isArray(value) && isSeq(doc.contents)) {
      const seq = doc.contents;
      position--;
      value.forEach((item, i) => documents.push({ index: position++, value: item, lineOf: locator(seq.items[i], counter) }));
      continue;
    }
    documents.push({ index, value, lineOf: locator(doc.contents, counter) });
  }
  if (!documents.length && !issues.length) return fileIssue('The file has no documents.');
  return { documents, issues };
}

export function describeIssue(issue: ImportIssue): string {
  const where = [`Document ${issue.document + 1}`];
  if (issue.line !== null) where.push(`line ${issue.line}`);
  if (issue.path) where.push(issue.path);
  return `${where.join(', ')}: ${issue.message}`;
}
