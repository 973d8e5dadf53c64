import 'server-only';
import { readCredentialsInput } from '@/lib/credentials/credential-input';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { badInput } from '@/lib/errors';
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
  const input = await readCredentialsInput(appId, env, body as Record<string, unknown>);
  const result = await setCredentials(actor, appId, env, input);
  return jsonResponse(200, { app_id: appId, env, owners: result.owners, fields: result.fields });
};
