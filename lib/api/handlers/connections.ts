import 'server-only';
import { assertAdmin } from '@/lib/auth/actor';
import { getConnection, toConnectionDocument } from '@/lib/connections/get-connection';
import { listConnections } from '@/lib/connections/list-connections';
import { parseConnectionDocument } from '@/lib/connections/read-connection-document';
import { createConnection, deleteConnection, replaceConnection } from '@/lib/connections/save-connection';
import { badInput } from '@/lib/errors';
import { readJsonBody } from '../api-request';
import { jsonResponse } from '../api-response';
import { connectionParamsSchema, listQuerySchema, parseOrThrow, queryObject, writeOptionsSchema } from '../api-schemas';
import type { ApiHandler } from '../run-api';

type AppParams = { appId: string };

async function documentOf(appId: string, viewer?: { role: 'admin' | 'member' }) {
  return JSON.parse(JSON.stringify(toConnectionDocument(await getConnection(appId), viewer)));
}

/** The stored document, plus `warnings` when the write accepted something it will not run. */
async function writtenDocument(appId: string, warnings: string[]) {
  return warnings.length ? { ...(await documentOf(appId)), warnings } : documentOf(appId);
}

export const listConnectionsHandler: ApiHandler<unknown> = async ({ actor, request }) => {
  const query = parseOrThrow(listQuerySchema, queryObject(request.url), 'Invalid paging parameters.');
  const page = await listConnections(actor, { limit: query.limit, cursor: query.cursor, search: query.q });
  return jsonResponse(200, {
    items: page.items.map((item) => ({
      app_id: item.appId,
      resource: item.resource,
      environments: item.environments,
      updated_at: new Date(item.updatedAt).toISOString(),
    })),
    next_cursor: page.nextCursor,
    total: page.total,
  });
};

export const createConnectionHandler: ApiHandler<unknown> = async ({ actor, request }) => {
  assertAdmin(actor, 'Only admins can create connections.');
  // Unknown keys are warnings, as in an imported file (SPEC §2); nothing unknown is stored.
  const { doc, warnings } = parseConnectionDocument(await readJsonBody(request), { file: false });
  const result = await createConnection(actor, doc);
  return jsonResponse(201, await writtenDocument(doc.app_id, [...warnings, ...result.warnings]), { location: `/api/v1/connections/${encodeURIComponent(doc.app_id)}` });
};

export const getConnectionHandler: ApiHandler<AppParams> = async ({ actor, params }) => {
  const { appId } = parseOrThrow(connectionParamsSchema, params);
  return jsonResponse(200, await documentOf(appId, actor));
};

export const replaceConnectionHandler: ApiHandler<AppParams> = async ({ actor, request, params }) => {
  assertAdmin(actor, 'Only admins can change connections.');
  const { appId } = parseOrThrow(connectionParamsSchema, params);
  const options = parseOrThrow(writeOptionsSchema, queryObject(request.url));
  const body = await readJsonBody(request);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badInput('Send the connection document as a JSON object.');
  const { doc, warnings } = parseConnectionDocument({ app_id: appId, ...body }, { file: false });
  const result = await replaceConnection(actor, appId, doc, { confirmCredentialRemoval: options.confirm_credential_removal });
  return jsonResponse(200, await writtenDocument(appId, [...warnings, ...result.warnings]));
};

export const deleteConnectionHandler: ApiHandler<AppParams> = async ({ actor, params }) => {
  assertAdmin(actor, 'Only admins can delete connections.');
  const { appId } = parseOrThrow(connectionParamsSchema, params);
  await deleteConnection(actor, appId);
  return jsonResponse(200, { deleted: true, app_id: appId });
};
