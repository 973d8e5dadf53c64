import 'server-only';
import { connectLinkInputSchema } from '@/lib/connect-links/connect-link-schemas';
import { createConnectLink } from '@/lib/connect-links/create-connect-link';
import { badInput } from '@/lib/errors';
import { readJsonBody } from '../api-request';
import { jsonResponse } from '../api-response';
import { environmentParamsSchema, parseOrThrow } from '../api-schemas';
import type { ApiHandler } from '../run-api';

/** POST connect-links (admins): a single-use link asking one member to connect this environment. */
export const postConnectLinkHandler: ApiHandler<{ appId: string; env: string }> = async ({ actor, request, params }) => {
  const { appId, env } = parseOrThrow(environmentParamsSchema, params);
  const body = await readJsonBody(request);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badInput('Send the link details as a JSON object.');
  const input = parseOrThrow(connectLinkInputSchema.strict(), body);
  return jsonResponse(201, await createConnectLink(actor, { ...input, appId, env }));
};
