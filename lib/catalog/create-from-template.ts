import 'server-only';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { credentialsInputSchema, type CredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { writeTransaction } from '@/lib/db/client';
import { AppError, badInput, notFound, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { findTemplate } from './catalog';
import { findConnection } from '@/lib/connections/get-connection';
import { setUpMcpServer } from '@/lib/oauth/mcp-setup';
import { checkTemplateChoices, isOAuthCatalogKind, templateDocument, templateRegistration, type RegistrationExtras, type TemplateRequest } from './template-document';

function prefixed(prefix: string, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}.${k}`, v]));
}

/**
 * Creates a connection from a catalog template in one transaction: the connection (draft
 * environment, auth settings) and, for OAuth kinds given a client ID, the client registration.
 * Any problem is reported per field and nothing is written.
 */
export type TemplateResult = { appId: string; registrationSaved: boolean; dynamicallyRegistered?: boolean };

type Extras = RegistrationExtras & { serverUrl?: string };

export async function createFromTemplate(actor: Actor, request: TemplateRequest, extras: Extras = {}): Promise<TemplateResult> {
  assertAdmin(actor, 'Only admins can create connections.');
  const entry = findTemplate(request.template);
  if (!entry) throw notFound(`The template "${request.template}"`);
  const errors = checkTemplateChoices(entry, request);
  if (Object.keys(errors).length) throw new AppError('bad_input', 'Some fields need attention.', errors);
  const kind = request.kind ?? entry.kinds[0];
  const doc = connectionSchema.safeParse(templateDocument(entry, request, extras.serverUrl ?? entry.server_url));
  if (!doc.success) throw new AppError('bad_input', 'The template does not make a valid connection.', zodFieldErrors(doc.error.issues));

  const withRegistration = isOAuthCatalogKind(kind) && Boolean(request.registration?.client_id);
  let registration: CredentialsInput | undefined;
  if (withRegistration) {
    const parsed = credentialsInputSchema.safeParse(templateRegistration(entry, kind, request.registration, extras));
    if (!parsed.success) throw new AppError('bad_input', 'Some registration fields need attention.', prefixed('registration', zodFieldErrors(parsed.error.issues)));
    registration = parsed.data as CredentialsInput;
  } else if (request.registration?.client_secret) {
    throw badInput('A client secret needs its client ID.', { 'registration.client_id': 'Client ID is required with a client secret.' });
  }
  return writeTransaction(async () => {
    await createConnection(actor, doc.data);
    if (registration) {
      try {
        await setCredentials(actor, doc.data.app_id, 'draft', registration);
      } catch (e) {
        if (e instanceof AppError && e.fields) throw new AppError(e.code, e.message, prefixed('registration', e.fields));
        throw e;
      }
    }
    return { appId: doc.data.app_id, registrationSaved: Boolean(registration) };
  });
}

/**
 * The same, for every template: an MCP server template first discovers its authorization server
 * and registers a client (network calls), then creates the connection with what it found.
 */
export async function createFromAnyTemplate(actor: Actor, request: TemplateRequest): Promise<TemplateResult> {
  assertAdmin(actor, 'Only admins can create connections.');
  const entry = findTemplate(request.template);
  if (entry?.setup !== 'mcp') return createFromTemplate(actor, request);
  const serverUrl = request.mcp?.server_url;
  if (!serverUrl) throw badInput('The MCP server URL is required.', { 'mcp.server_url': 'The MCP server URL is required.' });
  // Checked before registering a client at the provider, so a taken id leaves nothing behind there.
  if (await findConnection(request.app_id)) throw new AppError('conflict', `A connection "${request.app_id}" already exists.`, { app_id: 'This App ID is taken.' });
  const mcp = await setUpMcpServer({ serverUrl, clientId: request.registration?.client_id, clientSecret: request.registration?.client_secret ?? undefined, clientName: `Connections Manager (${request.app_id})` });
  const result = await createFromTemplate(
    actor,
    {
      ...request,
      scopes: request.scopes ?? mcp.scopes,
      registration: {
        client_id: mcp.clientId,
        client_secret: mcp.clientSecret,
        authorization_url: mcp.metadata.authorization_url ?? undefined,
        token_url: mcp.metadata.token_url,
        send_via: mcp.clientSecret ? (mcp.metadata.send_via ?? undefined) : undefined,
      },
    },
    { serverUrl, resource: mcp.resource },
  );
  return { ...result, dynamicallyRegistered: mcp.dynamicallyRegistered };
}
