import * as z from 'zod';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { credentialsInputSchema } from '@/lib/connections/credentials-schema';
import { forcedRefreshSchema } from '@/lib/health/health-schemas';
import { catalogListSchema, catalogQuerySchema } from '@/lib/catalog/catalog-api-schemas';
import { listQuerySchema } from './api-schemas';
import { connectLinkInputSchema } from '@/lib/connect-links/connect-link-schemas';
import { APP_ID_PATTERN_SOURCE } from '@/lib/connections/value-schemas';
import { connectLinkCreatedSchema, connectionListSchema, credentialsResultSchema, deletedSchema, errorSchema, importPlanSchema, runtimeCredentialsSchema, writtenConnectionSchema } from './response-schemas';

/**
 * OpenAPI 3.1 of /api/v1, generated from the zod schemas the API validates with (z.toJSONSchema):
 * a field added to a schema shows up here without anyone editing a document.
 */
function schema(type: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...json } = z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return json;
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const ok = (description: string, ref: string) => ({ description, content: json(ref) });
const error = (description: string) => ({ description, content: json('Error') });
const commonErrors = {
  '400': error('Bad input: `fields` maps each field path to its message. Also: a credential in the query string.'),
  '401': error('No session and no valid `Authorization: Bearer <api key>`.'),
  '403': error('The caller’s role does not allow this.'),
  '404': error('No such connection or environment.'),
};
const appId = { name: 'app_id', in: 'path', required: true, schema: { type: 'string', pattern: APP_ID_PATTERN_SOURCE } };
const env = { name: 'env', in: 'path', required: true, schema: { type: 'string', enum: ['draft', 'live'] } };
const confirm = { name: 'confirm_credential_removal', in: 'query', required: false, schema: { type: 'boolean' }, description: 'Needed when the change removes stored credentials (kind, type or sso change).' };

export function buildOpenApiDocument(serverUrl: string) {
  const listQuery = schema(listQuerySchema, 'input') as { properties: Record<string, unknown> };
  const catalogQuery = schema(catalogQuerySchema, 'input') as { properties: Record<string, unknown> };
  return {
    openapi: '3.1.0',
    info: { title: 'Connections Manager API', version: '1.0.0', description: 'Connections, credentials and runtime resolution (SPEC §6). Every answer is Cache-Control: no-store.' },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ apiKey: [] }, { session: [] }],
    paths: {
      '/connections': {
        get: {
          operationId: 'listConnections',
          parameters: Object.entries(listQuery.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s })),
          responses: { '200': ok('A page of connections.', 'ConnectionList'), '400': commonErrors['400'], '401': commonErrors['401'] },
        },
        post: {
          operationId: 'createConnection',
          requestBody: { required: true, content: json('ConnectionInput') },
          responses: { '201': ok('Created (with `warnings` when a kind is accepted but never run).', 'ConnectionWritten'), ...commonErrors, '409': error('The app ID is taken.') },
        },
      },
      '/connections/{app_id}': {
        parameters: [appId],
        get: { operationId: 'getConnection', responses: { '200': ok('The connection (no secrets).', 'Connection'), ...commonErrors } },
        put: {
          operationId: 'replaceConnection',
          parameters: [confirm],
          requestBody: { required: true, content: json('ConnectionInput') },
          responses: { '200': ok('Replaced (with `warnings` when a kind is accepted but never run).', 'ConnectionWritten'), ...commonErrors, '409': error('Stored credentials would be removed: confirm.') },
        },
        delete: { operationId: 'deleteConnection', responses: { '200': ok('Deleted.', 'Deleted'), ...commonErrors } },
      },
      '/connections/{app_id}/{env}/credentials': {
        parameters: [appId, env],
        put: {
          operationId: 'setCredentials',
          description: 'The §2 fields of the environment’s kind, plus `parameters`. Team connections: admins. Member connections: the caller’s own values; the client registration of OAuth kinds is the admins’.',
          requestBody: { required: true, content: json('CredentialsInput') },
          responses: { '200': ok('Set (values are never echoed).', 'CredentialsResult'), ...commonErrors },
        },
      },
      '/connections/{app_id}/{env}/runtime-credentials': {
        parameters: [
          appId,
          env,
          { name: 'user', in: 'query', required: false, schema: { type: 'string', format: 'email' }, description: 'Member connections: whose credentials (members: only themselves).' },
          { name: 'X-Subject-Token', in: 'header', required: false, schema: { type: 'string' }, description: 'The member’s sign-in token, for token exchange, on-behalf-of and direct access.' },
        ],
        get: {
          operationId: 'getRuntimeCredentials',
          responses: {
            '200': ok('Resolved credentials; OAuth kinds carry a valid access_token.', 'RuntimeCredentials'),
            ...commonErrors,
            '409': error('Team credentials are not set.'),
            '428': error('The member has not connected: `connect_url` says where to send them.'),
            '502': error('The OAuth provider failed.'),
          },
        },
      },
      '/connections/{app_id}/{env}/refresh': {
        parameters: [appId, env, { name: 'user', in: 'query', required: false, schema: { type: 'string', format: 'email' }, description: 'Member connections: whose token to refresh.' }],
        post: {
          operationId: 'forceRefresh',
          description: 'Admins: a token request now, past any cooldown after failures or an exhausted refresh (4 days of failures). The token itself is not returned.',
          responses: { '200': ok('Renewed.', 'ForcedRefresh'), ...commonErrors, '428': error('The member has to reconnect.'), '502': error('The OAuth provider failed; the failure is recorded on the credential.') },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          description: 'Prometheus text: runtime reads by outcome, token requests by grant and outcome, token request latency, credentials by status, webhook deliveries by outcome. Admins’ API keys, an admin session, or `Authorization: Bearer $METRICS_TOKEN`.',
          responses: { '200': { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } }, '401': commonErrors['401'], '403': commonErrors['403'] },
        },
      },
      '/connections/{app_id}/{env}/connect-links': {
        parameters: [appId, env],
        post: {
          operationId: 'createConnectLink',
          description: 'Admins: a link asking one member to connect this member environment. Works once, expires (default 24 h, `expires_in` such as 30m, 24h, 7d), shows "Requested by … for …", and after connecting sends the member to `return_to` when it matches the allowlist in Settings.',
          requestBody: { required: true, content: json('ConnectLinkInput') },
          responses: { '201': ok('Created; the URL is shown only here.', 'ConnectLink'), ...commonErrors },
        },
      },
      '/import': {
        post: {
          operationId: 'importConnections',
          parameters: [{ name: 'dry_run', in: 'query', required: false, schema: { type: 'boolean' } }, confirm],
          requestBody: {
            required: true,
            content: { 'application/yaml': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: '#/components/schemas/ConnectionInput' } } },
          },
          responses: { '200': ok('Imported (or planned, with dry_run): all or nothing.', 'ImportPlan'), ...commonErrors, '409': error('Stored credentials would be removed: confirm.') },
        },
      },
      '/connections/{app_id}/export': {
        parameters: [appId],
        get: { operationId: 'exportConnection', responses: { '200': { description: 'SPEC §2 YAML, never a secret.', content: { 'application/yaml': { schema: { type: 'string' } } } }, ...commonErrors } },
      },
      '/catalog': {
        get: {
          operationId: 'listCatalog',
          description: 'Provider templates (URLs with {placeholders}, scopes, parameters, token request quirks) that new connections start from.',
          parameters: Object.entries(catalogQuery.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s })),
          responses: { '200': ok('The matching templates.', 'CatalogList'), '400': commonErrors['400'], '401': commonErrors['401'] },
        },
      },
      '/catalog/{name}/export': {
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'exportCatalogTemplate', responses: { '200': { description: 'The template as a SPEC §2 `kind: connection` file.', content: { 'application/yaml': { schema: { type: 'string' } } } }, ...commonErrors } },
      },
      '/openapi.json': { get: { operationId: 'openApi', security: [], responses: { '200': { description: 'This document.' } } } },
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created by an admin in the console (Settings → API keys). Never in the URL.' },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
      },
      schemas: {
        ConnectionInput: schema(connectionSchema, 'input'),
        Connection: schema(connectionSchema, 'output'),
        CredentialsInput: schema(credentialsInputSchema, 'input'),
        CredentialsResult: schema(credentialsResultSchema, 'output'),
        ConnectionList: schema(connectionListSchema, 'output'),
        RuntimeCredentials: schema(runtimeCredentialsSchema, 'output'),
        ImportPlan: schema(importPlanSchema, 'output'),
        Deleted: schema(deletedSchema, 'output'),
        ConnectionWritten: schema(writtenConnectionSchema, 'output'),
        Error: schema(errorSchema, 'output'),
        ForcedRefresh: schema(forcedRefreshSchema, 'output'),
        ConnectLinkInput: schema(connectLinkInputSchema, 'input'),
        ConnectLink: schema(connectLinkCreatedSchema, 'output'),
        CatalogList: schema(catalogListSchema, 'output'),
      },
    },
  };
}
