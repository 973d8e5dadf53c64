import { authSettingsSchema } from './auth-settings-schema';
import { badInput, zodFieldErrors } from '@/lib/errors';
import { connectionSchema, environmentConfigSchema, type ConnectionDocument } from './connection-schema';
import { ADK_NAMES, kindFromAdkName } from './adk-names';
import { ENVIRONMENTS, KIND_REGISTRY, KINDS, normalizeKind, type Kind } from './kinds';
import { dropUnknownKeys, type KeyNote } from './unknown-keys';

/**
 * Reads a connection document as `orchestrate connections import` does (SPEC §2): the ADK's own
 * field names are mapped to ours, unknown keys are warnings (near misses are errors), and with
 * `file: true` the ADK's rules for a spec file apply (spec_version, kind: connection, environments,
 * a type per environment, on-behalf-of idp_config body). The result still goes through
 * `connectionSchema`, which judges everything else exactly as for the console and the API.
 */

const SECURITY_SCHEMES = [...new Set(KINDS.map((k) => ADK_NAMES[k].security_scheme))];
const OAUTH_AUTH_TYPES = KINDS.filter((k) => !KIND_REGISTRY[k].deprecated).flatMap((k) => ADK_NAMES[k].auth_type ?? []);

/** ADK name → ours, within an environment. Where both are given the ADK's name wins, as in the ADK. */
const ENV_ALIASES: Record<string, string> = {
  preference: 'type',
  idp_config_data: 'idp_config',
  app_config_data: 'app_config',
  custom_runtime_creds: 'custom_config_entries',
};
const ADK_ENV_KEYS = ['security_scheme', 'auth_type', 'auth', ...Object.keys(ENV_ALIASES)];
const AUTH_SETTINGS_KEYS = ['scopes', 'parameters', 'config_values', 'token_request'];

export type ReadResult = {
  value: unknown;
  warnings: KeyNote[];
  errors: KeyNote[];
  /** The path as written in the file, for a path of the normalized document (a renamed key's line). */
  sourcePath(path: readonly PropertyKey[]): PropertyKey[];
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function kindFromAdk(env: Record<string, unknown>, path: PropertyKey[], notes: { warnings: KeyNote[]; errors: KeyNote[] }): void {
  const scheme = env.security_scheme;
  const authType = env.auth_type;
  delete env.security_scheme;
  delete env.auth_type;
  if (scheme === undefined && authType === undefined) return;
  const given = typeof env.kind === 'string' ? normalizeKind(env.kind) : undefined;
  let kind: Kind | undefined;
  if (scheme === undefined || scheme === 'oauth2') {
    const fromAuthType = typeof authType === 'string' ? kindFromAdkName(authType, 'auth_type') : undefined;
    // An oauth2 scheme with no auth type takes it from `kind`, as the ADK fills a missing one.
    kind = fromAuthType ?? (given && KIND_REGISTRY[given].grant ? given : undefined);
    if (!kind) {
      const where = authType === undefined ? 'security_scheme' : 'auth_type';
      const got = authType === undefined ? 'no auth_type' : `auth_type "${String(authType).slice(0, 60)}"`;
      notes.errors.push({ path: [...path, where], message: `security_scheme oauth2 needs an auth_type, one of: ${OAUTH_AUTH_TYPES.join(', ')} (got ${got}).` });
      return;
    }
  } else {
    kind = typeof scheme === 'string' ? kindFromAdkName(scheme, 'security_scheme') : undefined;
    if (!kind) {
      notes.errors.push({ path: [...path, 'security_scheme'], message: `Unknown security_scheme "${String(scheme).slice(0, 60)}". Use one of: ${SECURITY_SCHEMES.join(', ')}.` });
      return;
    }
    if (authType !== undefined) notes.warnings.push({ path: [...path, 'auth_type'], message: `auth_type is only read with security_scheme oauth2; ignored.` });
  }
  if (env.kind !== undefined && given !== kind) {
    notes.warnings.push({ path: [...path, 'kind'], message: `kind "${String(env.kind).slice(0, 60)}" is ignored: security_scheme/auth_type say ${kind}.` });
  }
  env.kind = kind;
}

/** `auth:` is the §3 block only when it has that shape; real files often put credentials there. */
function readAuthBlock(env: Record<string, unknown>, path: PropertyKey[], notes: { warnings: KeyNote[] }): boolean {
  if (!('auth' in env)) return false;
  const auth = env.auth;
  delete env.auth;
  const settingsShape = isPlainObject(auth) && Object.keys(auth).length > 0 && Object.keys(auth).every((k) => AUTH_SETTINGS_KEYS.includes(k));
  if (settingsShape && env.auth_settings === undefined) {
    env.auth_settings = auth;
    return true;
  }
  const reason = settingsShape ? 'auth_settings is given too' : 'it is not the auth settings block (scopes, parameters, config_values, token_request)';
  notes.warnings.push({ path: [...path, 'auth'], message: `auth: is ignored: ${reason}. Credentials are set with set-credentials or in the console, never in the file.` });
  return false;
}

function readEnvironment(
  raw: Record<string, unknown>,
  path: PropertyKey[],
  notes: { warnings: KeyNote[]; errors: KeyNote[] },
  file: boolean,
  renames: Map<string, string>,
): void {
  // Unknown keys first, judged against ours plus the ADK's names.
  dropUnknownKeys(environmentConfigSchema, raw, path, notes, ADK_ENV_KEYS);
  kindFromAdk(raw, path, notes);
  for (const [adk, ours] of Object.entries(ENV_ALIASES)) {
    if (!(adk in raw)) continue;
    if (ours in raw && JSON.stringify(raw[ours]) !== JSON.stringify(raw[adk])) {
      notes.warnings.push({ path: [...path, ours], message: `${ours} is ignored: ${adk} is given too and is the one read.` });
    }
    raw[ours] = raw[adk];
    delete raw[adk];
    renames.set([...path, ours].join('.'), adk);
  }
  if (readAuthBlock(raw, path, notes)) {
    renames.set([...path, 'auth_settings'].join('.'), 'auth');
    dropUnknownKeys(authSettingsSchema, raw.auth_settings, [...path, 'auth_settings'], notes);
  }
  if (!file) return;
  if (raw.type === undefined) notes.errors.push({ path: [...path, 'type'], message: 'type is required: team or member.' });
  const kind = typeof raw.kind === 'string' ? normalizeKind(raw.kind) : undefined;
  if (kind && KIND_REGISTRY[kind].needsIdpConfig && isPlainObject(raw.idp_config)) {
    const body = isPlainObject(raw.idp_config.body) ? raw.idp_config.body : {};
    for (const field of ['requested_token_use', 'requested_token_type']) {
      if (body[field] === undefined || body[field] === null || body[field] === '') {
        notes.errors.push({ path: [...path, 'idp_config', 'body', field], message: `${KIND_REGISTRY[kind].label} needs idp_config.body.${field}.` });
      }
    }
  }
}

export function readConnectionDocument(raw: unknown, options: { file: boolean }): ReadResult {
  const warnings: KeyNote[] = [];
  const errors: KeyNote[] = [];
  const notes = { warnings, errors };
  const renames = new Map<string, string>();
  const sourcePath = (path: readonly PropertyKey[]) => {
    const out = [...path];
    for (let i = out.length; i > 0; i--) {
      const renamed = renames.get(out.slice(0, i).join('.'));
      if (renamed) out[i - 1] = renamed;
    }
    return out;
  };
  if (!isPlainObject(raw)) return { value: raw, warnings, errors, sourcePath };
  const doc = structuredClone(raw);
  if (options.file) {
    // The ADK's reasons, in its order (connections_controller.py refuses these before anything else).
    if (doc.spec_version === undefined || doc.spec_version === null || doc.spec_version === '') {
      errors.push({ path: ['spec_version'], message: "No 'spec_version' found: a connection file starts with spec_version: v1." });
    }
    if (doc.kind === undefined || doc.kind === null || doc.kind === '') {
      errors.push({ path: ['kind'], message: "No 'kind' found: a connection file has kind: connection." });
    } else if (doc.kind !== 'connection') {
      errors.push({ path: ['kind'], message: `Field 'kind' must have the value 'connection' (got "${String(doc.kind).slice(0, 40)}").` });
    }
    if (!isPlainObject(doc.environments) || Object.keys(doc.environments).length === 0) {
      errors.push({ path: ['environments'], message: "No 'environments' found: a connection file configures draft and/or live." });
    }
  }
  // The top level first, without descending into environments: those take the ADK's names too.
  const { environments } = doc;
  delete doc.environments;
  dropUnknownKeys(connectionSchema, doc, [], notes);
  if (environments !== undefined) doc.environments = environments;
  if (isPlainObject(doc.environments)) {
    for (const [name, env] of Object.entries(doc.environments)) {
      if (!(ENVIRONMENTS as readonly string[]).includes(name)) {
        errors.push({ path: ['environments', name], message: `Unknown field "${name.slice(0, 60)}": environments are draft and live.` });
        delete doc.environments[name];
      } else if (isPlainObject(env)) {
        readEnvironment(env, ['environments', name], notes, options.file, renames);
      }
    }
  }
  return { value: doc, warnings, errors, sourcePath };
}

/**
 * A document from the API or the CLI: read as above, then parsed by the one schema. Unknown keys
 * come back as `warnings` (`path: message`); anything wrong is one 400 with every field named.
 */
export function parseConnectionDocument(raw: unknown, options: { file: boolean }): { doc: ConnectionDocument; warnings: string[] } {
  const read = readConnectionDocument(raw, options);
  const result = connectionSchema.safeParse(read.value);
  const fields: Record<string, string> = {};
  for (const error of read.errors) fields[error.path.map(String).join('.') || '_'] ??= error.message;
  if (!result.success) for (const [path, message] of Object.entries(zodFieldErrors(result.error.issues))) fields[path] ??= message;
  if (!result.success || Object.keys(fields).length) throw badInput('Some fields need attention.', fields);
  return { doc: result.data, warnings: read.warnings.map((w) => `${w.path.map(String).join('.')}: ${w.message}`) };
}
