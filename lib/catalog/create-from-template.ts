import 'server-only';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { credentialsInputSchema, type CredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { writeTransaction } from '@/lib/db/client';
import { AppError, badInput, notFound, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { findTemplate } from './catalog';
import { checkTemplateChoices, isOAuthCatalogKind, templateDocument, templateRegistration, type TemplateRequest } from './template-document';

function prefixed(prefix: string, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}.${k}`, v]));
}

/**
 * Creates a connection from a catalog template in one transaction: the connection (draft
 * environment, auth settings) and, for OAuth kinds given a client ID, the client registration.
 * Any problem is reported per field and nothing is written.
 */
export function createFromTemplate(actor: Actor, request: TemplateRequest): { appId: string; registrationSaved: boolean } {
  assertAdmin(actor, 'Only admins can create connections.');
  const entry = findTemplate(request.template);
  if (!entry) throw notFound(`The template "${request.template}"`);
  const errors = checkTemplateChoices(entry, request);
  if (Object.keys(errors).length) throw new AppError('bad_input', 'Some fields need attention.', errors);
  const kind = request.kind ?? entry.kinds[0];
  const doc = connectionSchema.safeParse(templateDocument(entry, request));
  if (!doc.success) throw new AppError('bad_input', 'The template does not make a valid connection.', zodFieldErrors(doc.error.issues));

  const withRegistration = isOAuthCatalogKind(kind) && Boolean(request.registration?.client_id);
  let registration: CredentialsInput | undefined;
  if (withRegistration) {
    const parsed = credentialsInputSchema.safeParse(templateRegistration(entry, kind, request.registration));
    if (!parsed.success) throw new AppError('bad_input', 'Some registration fields need attention.', prefixed('registration', zodFieldErrors(parsed.error.issues)));
    registration = parsed.data as CredentialsInput;
  } else if (request.registration?.client_secret) {
    throw badInput('A client secret needs its client ID.', { 'registration.client_id': 'Client ID is required with a client secret.' });
  }
  return writeTransaction(() => {
    createConnection(actor, doc.data);
    if (registration) {
      try {
        setCredentials(actor, doc.data.app_id, 'draft', registration);
      } catch (e) {
        if (e instanceof AppError && e.fields) throw new AppError(e.code, e.message, prefixed('registration', e.fields));
        throw e;
      }
    }
    return { appId: doc.data.app_id, registrationSaved: Boolean(registration) };
  });
}
