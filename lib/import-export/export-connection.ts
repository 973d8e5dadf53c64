import 'server-only';
import { stringify } from 'yaml';
import type { ConnectionDocument } from '@/lib/connections/connection-schema';
import { getConnection, toConnectionDocument } from '@/lib/connections/get-connection';

/** Drops undefined members so the YAML holds only what is set. */
function clean(doc: ConnectionDocument): unknown {
  return JSON.parse(JSON.stringify(doc));
}

/**
 * The SPEC §2 YAML of one connection: configuration only. Secrets live in credential rows and
 * sealed config values, which toConnectionDocument never reads, so none can reach the file.
 */
export async function exportConnectionYaml(appId: string, viewer?: { role: 'admin' | 'member' }): Promise<string> {
  return stringify(clean(toConnectionDocument(await getConnection(appId), viewer)), { lineWidth: 0 });
}

export function documentsToYaml(docs: ConnectionDocument[]): string {
  return docs.map((doc) => stringify(clean(doc), { lineWidth: 0 })).join('---\n');
}
