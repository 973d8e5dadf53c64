import 'server-only';
import { count, inArray } from 'drizzle-orm';
import type { ConnectionDocument } from '@/lib/connections/connection-schema';
import { connectionWarnings } from '@/lib/connections/connection-warnings';
import { invalidatesCredentials } from '@/lib/connections/environment-mapping';
import { ENVIRONMENTS, type EnvName } from '@/lib/connections/kinds';
import { getDb, type Db } from '@/lib/db/client';
import { connections, credentials, environments } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { ImportIssue } from './parse-connection-file';
import { issueFields, validateImport } from './validate-import';

export type PlanStep = {
  app_id: string;
  action: 'create' | 'update';
  environments: Partial<Record<EnvName, { kind: string; type: string }>>;
  /** Owners' credentials this import would delete (a kind, type or sso change, or a removed environment). */
  credentials_removed: number;
};

/** `warnings`: what the import accepts but will not run (a deprecated kind), one line each. */
export type ImportPlan = { steps: PlanStep[]; created: number; updated: number; credentials_removed: number; warnings: string[] };

export function invalidImportError(issues: ImportIssue[]): AppError {
  return new AppError('bad_input', `The file has ${issues.length} problem${issues.length === 1 ? '' : 's'}: nothing was imported.`, issueFields(issues), { issues });
}

/** What an import of these documents would do, read in bulk (a handful of queries for any size). */
export async function planDocuments(docs: ConnectionDocument[], db: Db = getDb(), fileWarnings: string[] = []): Promise<ImportPlan> {
  const appIds = docs.map((d) => d.app_id);
  const existing = new Map<string, string>();
  const envRows: Array<typeof environments.$inferSelect> = [];
  const credentialCounts = new Map<string, number>();
  for (let i = 0; i < appIds.length; i += 500) {
    const rows = await db.select({ id: connections.id, appId: connections.appId }).from(connections).where(inArray(connections.appId, appIds.slice(i, i + 500)));
    rows.forEach((r) => existing.set(r.appId, r.id));
  }
  const ids = [...existing.values()];
  for (let i = 0; i < ids.length; i += 500) {
    envRows.push(...(await db.select().from(environments).where(inArray(environments.connectionId, ids.slice(i, i + 500)))));
  }
  const envIds = envRows.map((e) => e.id);
  for (let i = 0; i < envIds.length; i += 500) {
    const counts = await db
      .select({ environmentId: credentials.environmentId, n: count() })
      .from(credentials)
      .where(inArray(credentials.environmentId, envIds.slice(i, i + 500)))
      .groupBy(credentials.environmentId);
    counts.forEach((c) => credentialCounts.set(c.environmentId, c.n));
  }
  const steps = docs.map((doc): PlanStep => {
    const connectionId = existing.get(doc.app_id);
    let removed = 0;
    if (connectionId) {
      for (const env of ENVIRONMENTS) {
        const row = envRows.find((e) => e.connectionId === connectionId && e.env === env);
        const config = doc.environments[env];
        if (row && (!config || invalidatesCredentials(row, config))) removed += credentialCounts.get(row.id) ?? 0;
      }
    }
    const envs: PlanStep['environments'] = {};
    for (const env of ENVIRONMENTS) {
      const config = doc.environments[env];
      if (config) envs[env] = { kind: config.kind, type: config.type };
    }
    return { app_id: doc.app_id, action: connectionId ? 'update' : 'create', environments: envs, credentials_removed: removed };
  });
  return {
    steps,
    created: steps.filter((s) => s.action === 'create').length,
    updated: steps.filter((s) => s.action === 'update').length,
    credentials_removed: steps.reduce((n, s) => n + s.credentials_removed, 0),
    warnings: [...fileWarnings, ...docs.flatMap(connectionWarnings)],
  };
}

/** The preview of the console and `POST /api/v1/import?dry_run=true`: validates, writes nothing. */
export async function planImport(text: string): Promise<ImportPlan> {
  const { documents, issues, warnings } = validateImport(text);
  if (issues.length) throw invalidImportError(issues);
  return planDocuments(documents, getDb(), warnings);
}

