import type * as z from 'zod';

/**
 * Unknown keys in a connection document, judged as `orchestrate connections import` does: the ADK
 * ignores what it does not know, so an unknown key is a warning and is dropped before the strict
 * schema runs (nothing unknown is stored). A key within a small edit distance of a known one
 * (`typ`, `knd`, `server_ur`) is almost surely a typo that would silently lose a setting: an error
 * with "did you mean".
 */

export type KeyNote = { path: PropertyKey[]; message: string };

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object or array schema under optional/default/nullable/pipe wrappers, if any. */
function structural(schema: z.ZodType): Def | undefined {
  let def = defOf(schema);
  for (let i = 0; i < 10; i++) {
    if (def.type === 'object' || def.type === 'array') return def;
    const inner = def.innerType ?? def.in;
    if (!inner) return undefined;
    def = defOf(inner);
  }
  return undefined;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The known key a typo most likely meant: distance <= 2 (<= 1 for keys of three letters or fewer). */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const limit = key.length <= 3 ? 1 : 2;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * Walks `value` along `schema`, removing unknown keys in place. Returns warnings (ignored keys) and
 * errors (near misses). `extraKnown` names keys handled before the schema runs (ADK aliases).
 */
export function dropUnknownKeys(
  schema: z.ZodType,
  value: unknown,
  path: PropertyKey[] = [],
  notes: { warnings: KeyNote[]; errors: KeyNote[] } = { warnings: [], errors: [] },
  extraKnown: readonly string[] = [],
): { warnings: KeyNote[]; errors: KeyNote[] } {
  const def = structural(schema);
  if (!def) return notes;
  if (def.type === 'array' && Array.isArray(value) && def.element) {
    value.forEach((item, index) => dropUnknownKeys(def.element!, item, [...path, index], notes));
    return notes;
  }
  if (def.type !== 'object' || !def.shape || !isPlainObject(value)) return notes;
  const known = [...Object.keys(def.shape), ...extraKnown];
  for (const key of Object.keys(value)) {
    if (known.includes(key)) {
      if (key in def.shape) dropUnknownKeys(def.shape[key], value[key], [...path, key], notes);
      continue;
    }
    const near = nearestKey(key, known);
    const shown = key.slice(0, 60);
    if (near) {
      notes.errors.push({ path: [...path, key], message: `Unknown field "${shown}": did you mean "${near}"?` });
    } else {
      notes.warnings.push({ path: [...path, key], message: `Unknown field "${shown}" is ignored.` });
      delete value[key];
    }
  }
  return notes;
}
