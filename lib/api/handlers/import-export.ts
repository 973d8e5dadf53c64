import 'server-only';
import { assertAdmin } from '@/lib/auth/actor';
import { exportConnectionYaml } from '@/lib/import-export/export-connection';
import { importConnections } from '@/lib/import-export/import-connections';
import { planImport } from '@/lib/import-export/plan-import';
import { YAML_LIMITS } from '@/lib/import-export/yaml-limits';
import { jsonResponse, textResponse } from '../api-response';
import { connectionParamsSchema, importQuerySchema, parseOrThrow, queryObject } from '../api-schemas';
import type { ApiHandler } from '../run-api';

/** POST /api/v1/import: YAML or JSON, one or many documents; `?dry_run=true` returns the plan only. */
export const importHandler: ApiHandler<unknown> = async ({ actor, request }) => {
  assertAdmin(actor, 'Only admins can import connections.');
  const options = parseOrThrow(importQuerySchema, queryObject(request.url));
  const text = await request.readBody(YAML_LIMITS.maxBytes);
  if (options.dry_run) return jsonResponse(200, { dry_run: true, ...(await planImport(text)) });
  const plan = await importConnections(actor, text, { confirmCredentialRemoval: options.confirm_credential_removal });
  return jsonResponse(200, { dry_run: false, ...plan });
};

export const exportHandler: ApiHandler<{ appId: string }> = async ({ actor, params }) => {
  const { appId } = parseOrThrow(connectionParamsSchema, params);
  return textResponse(200, await exportConnectionYaml(appId, actor), 'application/yaml; charset=utf-8', {
    'content-disposition': `attachment; filename="${appId}.yaml"`,
  });
};
