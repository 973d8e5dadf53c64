/**
 * Limits applied before and while parsing an uploaded file, so a hostile file is refused quickly
 * with bounded memory: size, documents, nesting (flow brackets and block indentation are checked
 * by a linear scan before the YAML parser, whose recursion a deep file would otherwise exhaust),
 * aliases (billion laughs) and duplicate keys.
 */
export const YAML_LIMITS = {
  maxBytes: 4 * 1024 * 1024,
  maxDocuments: 10_000,
  /** Deepest real document: environments.draft.auth_settings.scopes.items[0].name, plus headroom. */
  maxDepth: 16,
  /** Columns of block indentation (spaces plus compact `- `, `? `, `: ` indicators). */
  maxIndent: 160,
  maxAliasCount: 20,
} as const;

export type LimitViolation = { line: number; message: string };

/**
 * A linear scan for nesting that is too deep. It tracks quotes and comments well enough to count
 * real brackets; a false alarm needs over `maxDepth` unclosed brackets outside quotes, which no
 * connection file has.
 */
export function findNestingViolation(text: string, limits = YAML_LIMITS): LimitViolation | null {
  let depth = 0;
  let line = 1;
  let lineStart = true;
  let column = 0;
  let quote: '"' | "'" | null = null;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      comment = false;
      // Inside a multi-line quoted scalar, leading spaces are content, not indentation.
      lineStart = quote === null;
      column = 0;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (lineStart) {
      // Block indentation: leading spaces and compact indicators each open a level.
      if (c === ' ' || c === '\t') {
        column++;
        if (column > limits.maxIndent) return { line, message: `Line ${line} is indented or nested too deeply (more than ${limits.maxIndent} columns).` };
        continue;
      }
      if ((c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        column++;
        continue;
      }
      lineStart = false;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if (c === '"' || c === "'") {
      // A quote only opens a scalar at its start, not inside a plain scalar such as don't.
      const prev = text[i - 1];
      if (i === 0 || prev === undefined || /[\s[{,:]/.test(prev)) quote = c;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > limits.maxDepth) return { line, message: `Line ${line} nests brackets more than ${limits.maxDepth} levels deep.` };
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return null;
}

/** Depth of a parsed value (after the scan, so recursion here is bounded). */
export function valueDepth(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let max = depth;
  for (const child of Object.values(value as Record<string, unknown>)) {
    max = Math.max(max, valueDepth(child, limit, depth + 1));
    if (max > limit) return max;
  }
  return max;
}
