import 'server-only';
import { assertKindRuns } from '@/lib/connections/connection-warnings';
import { parseCredentialsInput, type CredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { normalizeKind, type EnvName, type Kind } from '@/lib/connections/kinds';
import { AppError, badInput, zodFieldErrors, type FieldErrors } from '@/lib/errors';

/**
 * Credential input, whichever door it comes through (console action, API, CLI): one pipeline.
 *  1. the environment's kind decides the fields (a `kind` sent along may be an alias, but must name it);
 *  2. a kind that never runs is refused before any field is judged;
 *  3. the fields are parsed with the shared schema (credentials-schema.ts);
 *  4. field errors come back under the caller's names (`nameField`: the CLI names its flags).
 * Who may set what is decided afterwards by setCredentials.
 */

export type ReadCredentialsOptions = {
  /** The message of a field error (the console keeps its own wording). */
  message?: string;
  /** How a field path is named to this caller. */
  nameField?: (path: string) => string;
};

/** Steps 1–2: the kind of the environment, when it can take credentials. */
export async function runnableCredentialKind(appId: string, env: EnvName): Promise<Kind> {
  const { environment } = await getEnvironment(appId, env);
  assertKindRuns(environment.kind);
  return environment.kind;
}

export async function readCredentialsInput(appId: string, env: EnvName, body: Record<string, unknown>, options: ReadCredentialsOptions = {}): Promise<CredentialsInput> {
  const kind = await runnableCredentialKind(appId, env);
  // `kv` and `oauth_auth_token_exchange` name the same kinds as in the connection file.
  const given = body.kind;
  if (given !== undefined && (typeof given !== 'string' || normalizeKind(given.trim()) !== kind)) {
    throw badInput(`This environment is ${kind}.`, { kind: `Expected ${kind} (or leave it out).` });
  }
  const parsed = parseCredentialsInput(kind, body);
  if (parsed.success) return parsed.data;
  // An unknown field is reported under its own name (zodFieldErrors splits unknown keys).
  const fields = zodFieldErrors(parsed.error.issues);
  const named: FieldErrors = options.nameField ? Object.fromEntries(Object.entries(fields).map(([path, message]) => [options.nameField!(path), message])) : fields;
  throw new AppError('bad_input', options.message ?? 'Some credential fields need attention.', named);
}
