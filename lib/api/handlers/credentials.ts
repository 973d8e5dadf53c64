import 'server-only';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { assertKindRuns } from '@/lib/connections/connection-warnings';
import { normalizeKind } from '@/lib/connections/kinds';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { AppError, badInput, zodFieldErrors } from '@/lib/errors';
import { readJsonBody } from '../api-request';
import { jsonResponse } from '../api-response';
import { environmentParamsSchema, parseOrThrow } from '../api-schemas';
import type { ApiHandler } from '../run-api';

/**
 * PUT credentials: the §2 fields of the environment's kind plus `parameters`. Who may set what
 * (team: admins; member: the caller's own values, the client registration by admins) is decided
 * by setCredentials, the same verb the console form uses.
 */
export const putCredentialsHandler: ApiHandler<{ appId: string; env: string }> = async ({ actor, request, params }) => {
  const { appId, env } = parseOrThrow(environmentParamsSchema, params);
  const body = await readJsonBody(request);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badInput('Send the credential fields as a JSON object.');
  const { environment } = getEnvironment(appId, env);
  const kind = environment.kind;
  assertKindRuns(kind);
  // `kv` and `oauth_auth_token_exchange` name the same kinds as in the connection file.
  const given = (body as { kind?: unknown }).kind;
  if (given !== undefined && (typeof given !== 'string' || normalizeKind(given.trim()) !== kind)) {
    throw badInput(`This environment is ${kind}.`, { kind: `Expected ${kind} (or leave it out).` });
  }
  const parsed = parseCredentialsInput(kind, body);
  // An unknown field is reported under its own name (zodFieldErrors splits unknown keys).
  if (!parsed.success) throw new AppError('bad_input', 'Some credential fields need attention.', zodFieldErrors(parsed.error.issues));
  const result = setCredentials(actor, appId, env, parsed.data);
  return jsonResponse(200, { app_id: appId, env, owners: result.owners, fields: result.fields });
};
