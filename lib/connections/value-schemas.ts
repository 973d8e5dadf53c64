import * as z from 'zod';
import { setOwn } from './own-keys';

/** Shared value schemas: each accepts the shapes a form, JSON body, YAML file or CLI flag sends. */

export const MAX_TEXT = 2_000;
export const MAX_SECRET = 16_000;
export const MAX_ENTRIES = 100;

/** As watsonx Orchestrate allows (`service-now`, `google_maps`): one source for every check of an app id. */
export const APP_ID_MAX = 64;
export const APP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const APP_ID_PATTERN_SOURCE = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';
export const APP_ID_RULE = 'App ID may contain only letters, digits, _ and -, starting with a letter or digit.';

export const appIdSchema = z
  .string({ error: 'App ID is required.' })
  .trim()
  .min(1, 'App ID is required.')
  .max(APP_ID_MAX, `App ID is at most ${APP_ID_MAX} characters.`)
  .regex(APP_ID_PATTERN, APP_ID_RULE);

export const envNameSchema = z.enum(['draft', 'live'], { error: 'Environment must be draft or live.' });

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** Optional trimmed text; an empty string means "not set". */
export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v == null || v.trim() === '' ? undefined : v.trim()))
  .pipe(z.string().max(MAX_TEXT, `At most ${MAX_TEXT} characters.`).optional());

/** `{name}` placeholders are allowed (SPEC §3); the rest must be an absolute http(s) URL. */
export function isHttpUrlTemplate(value: string): boolean {
  try {
    const url = new URL(value.replace(/\{[A-Za-z0-9_]+\}/g, 'x'));
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const optionalUrl = optionalText.refine((v) => v === undefined || isHttpUrlTemplate(v), {
  error: 'Enter an absolute http:// or https:// URL.',
});

// A scheme prefix, unless what follows the colon is a port (`localhost:8080/api`).
const SCHEME = /^\s*([A-Za-z][A-Za-z0-9+.-]*):(?!\d+(?:[/?#]|$))/;

/**
 * `server_url` as Orchestrate files hold it: an http(s) URL, or text still to be filled in (an
 * unresolved template such as `{STERLING_OMS[base_url]}`, kept and warned about). Only other
 * schemes (`javascript:`, `data:`, `file:`, …) are refused.
 */
export const serverUrl = optionalText.refine(
  (v) => {
    if (v === undefined) return true;
    // Browsers drop tabs and newlines inside URLs (`java\nscript:`): no control characters at all.
    if (/[\u0000-\u001f\u007f]/.test(v)) return false;
    const scheme = SCHEME.exec(v)?.[1]?.toLowerCase();
    return scheme === undefined || scheme === 'http' || scheme === 'https';
  },
  { error: 'server_url must be an http:// or https:// URL (or a template to fill in later); other schemes are refused.' },
);

/** True when a server_url is not (yet) an http(s) URL: an unresolved template, kept with a warning. */
export function isUnresolvedServerUrl(value: string | undefined): boolean {
  return value !== undefined && (!isHttpUrlTemplate(value) || /[{}]/.test(value.replace(/\{[A-Za-z0-9_]+\}/g, '')));
}

/** A write-only secret: omitted or empty keeps the stored value, `null` clears it. */
export const secretValue = z
  .union([z.string().max(MAX_SECRET, `At most ${MAX_SECRET} characters.`), z.null()])
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const entryKey = z.string().trim().min(1, 'A key is required.').max(200, 'Keys are at most 200 characters.');
const pairSchema = z.object({ key: z.string(), value: scalar.optional() });

/**
 * A `{ key: value }` map, also accepted as `["key=value"]` (CLI) or `[{ key, value }]` (form rows).
 * Blank form rows are ignored; a duplicate key is an error.
 */
const keyValueInput = z.union([z.record(z.string(), scalar), z.array(z.union([z.string(), pairSchema]))]);

/** zod's record parsing drops an own `__proto__` key: objects are read as their own entries instead. */
const asOwnPairs = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).map(([key, v]) => ({ key, value: v })) : value;

export const keyValueRecord = z
  .preprocess(asOwnPairs, keyValueInput)
  .transform((input, ctx) => {
    const pairs: Array<[string, string]> = Array.isArray(input)
      ? input.flatMap((item, index): Array<[string, string]> => {
          if (typeof item !== 'string') return item.key.trim() === '' && !item.value ? [] : [[item.key, item.value ?? '']];
          const eq = item.indexOf('=');
          if (eq <= 0) {
            ctx.addIssue({ code: 'custom', path: [index], message: `"${item.slice(0, 40)}" is not key=value.` });
            return [];
          }
          return [[item.slice(0, eq), item.slice(eq + 1)]];
        })
      : Object.entries(input);
    const out: Record<string, string> = {};
    pairs.forEach(([rawKey, value], index) => {
      const key = entryKey.safeParse(rawKey);
      if (!key.success) return ctx.addIssue({ code: 'custom', path: [index], message: key.error.issues[0].message });
      if (Object.hasOwn(out, key.data)) return ctx.addIssue({ code: 'custom', path: [index], message: `Duplicate key "${key.data}".` });
      if (value.length > MAX_TEXT) return ctx.addIssue({ code: 'custom', path: [key.data], message: `At most ${MAX_TEXT} characters.` });
      setOwn(out, key.data, value);
    });
    if (pairs.length > MAX_ENTRIES) ctx.addIssue({ code: 'custom', path: [], message: `At most ${MAX_ENTRIES} entries.` });
    return out;
  });

/** Headers the builder adds (idp_config / app_config): valid names, no line breaks in values. */
export const headerRecord = keyValueRecord.superRefine((headers, ctx) => {
  for (const [key, value] of Object.entries(headers)) {
    const problem = entryProblem({ location: 'header', key, value }, { allowReserved: true });
    if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
  }
});

export const TOKEN_ENTRY_LOCATIONS = ['header', 'body', 'query'] as const;
export type TokenEntryLocation = (typeof TOKEN_ENTRY_LOCATIONS)[number];
export type TokenEntry = { location: TokenEntryLocation; key: string; value: string };

/** `location:key=value` or `key=value` (location defaults to header), or `{ location, key, value }`. */
export function parseEntryString(text: string, allowed: readonly TokenEntryLocation[]): TokenEntry | string {
  const eq = text.indexOf('=');
  if (eq <= 0) return `"${text.slice(0, 40)}" is not [location:]key=value.`;
  let left = text.slice(0, eq).trim();
  let location: string = allowed[0];
  const colon = left.indexOf(':');
  if (colon > 0) {
    location = left.slice(0, colon).trim();
    left = left.slice(colon + 1).trim();
  }
  if (!allowed.includes(location as TokenEntryLocation)) return `Location must be ${allowed.join(', ')} (got "${location}").`;
  if (!left) return 'A key is required.';
  return { location: location as TokenEntryLocation, key: left, value: text.slice(eq + 1) };
}

/** Headers the HTTP client or the OAuth library sets itself: an entry must not replace or smuggle them. */
export const RESERVED_HEADERS = ['authorization', 'content-length', 'transfer-encoding', 'host', 'connection'];
const HEADER_NAME_CHARS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CONTROL_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * Why an entry cannot be sent, or null. Never quotes the value: it may be a secret. Line breaks
 * would split a header (request smuggling) and are refused in every location.
 */
export function entryProblem(entry: TokenEntry, options: { allowReserved?: boolean } = {}): string | null {
  if (CONTROL_CHARS.test(entry.key)) return 'Keys cannot contain line breaks or control characters.';
  if (CONTROL_CHARS.test(entry.value)) return `The value of "${entry.key}" cannot contain line breaks or control characters.`;
  if (entry.location !== 'header') return null;
  if (!HEADER_NAME_CHARS.test(entry.key)) return `"${entry.key}" is not a valid header name.`;
  if (!options.allowReserved && RESERVED_HEADERS.includes(entry.key.toLowerCase())) {
    return `"${entry.key}" is set by the console itself and cannot be a header entry (reserved: Authorization, Content-Length, Transfer-Encoding, Host, Connection).`;
  }
  return null;
}

function entryListSchema(allowed: readonly TokenEntryLocation[]) {
  const objectEntry = z.object({
    location: z.enum(allowed as [TokenEntryLocation, ...TokenEntryLocation[]]).default(allowed[0]),
    key: z.string(),
    value: scalar.default(''),
  });
  return z
    .union([z.array(z.union([z.string(), objectEntry])), z.string()])
    .transform((input, ctx) => {
      const items = typeof input === 'string' ? input.split(/\s*,\s*/).filter(Boolean) : input;
      const out: TokenEntry[] = [];
      items.forEach((item, index) => {
        if (typeof item !== 'string' && item.key.trim() === '' && !item.value) return;
        const entry = typeof item === 'string' ? parseEntryString(item, allowed) : { ...item, key: item.key.trim() };
        if (typeof entry === 'string') return ctx.addIssue({ code: 'custom', path: [index], message: entry });
        if (!entry.key) return ctx.addIssue({ code: 'custom', path: [index], message: 'A key is required.' });
        if (entry.value.length > MAX_TEXT) return ctx.addIssue({ code: 'custom', path: [index], message: `At most ${MAX_TEXT} characters.` });
        const problem = entryProblem(entry as TokenEntry);
        if (problem) return ctx.addIssue({ code: 'custom', path: [index], message: problem });
        out.push(entry as TokenEntry);
      });
      if (out.length > MAX_ENTRIES) ctx.addIssue({ code: 'custom', path: [], message: `At most ${MAX_ENTRIES} entries.` });
      return out;
    });
}

export const tokenEntriesSchema = entryListSchema(TOKEN_ENTRY_LOCATIONS);
export const authEntriesSchema = entryListSchema(['query']);

export function formatEntry(entry: TokenEntry): string {
  return `${entry.location}:${entry.key}=${entry.value}`;
}

/** Scopes as a list: a string is split on commas and white space. Duplicates are dropped. */
export const scopeListSchema = z
  .union([
    z.string().max(MAX_TEXT, `At most ${MAX_TEXT} characters.`),
    z.array(z.string().max(500, 'A scope is at most 500 characters.')).max(200, 'At most 200 scopes.'),
  ])
  .transform((input) => {
    const items = (Array.isArray(input) ? input : [input]).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
    return [...new Set(items)];
  });

export const sendViaSchema = z
  .union([z.enum(['header', 'body']), z.literal(''), z.null()])
  .optional()
  .transform((v) => (v ? v : undefined));
