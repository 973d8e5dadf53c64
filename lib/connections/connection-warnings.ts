import type { ConnectionDocument, EnvironmentConfig } from './connection-schema';
import { badInput } from '@/lib/errors';
import { ENVIRONMENTS, KIND_REGISTRY, type EnvName, type Kind } from './kinds';
import { isUnresolvedServerUrl } from './value-schemas';

/**
 * What a write accepted but will not run, said once and surfaced by every door (API `warnings`,
 * CLI stderr, the import plan). Today: the implicit flow, kept for orchestrate files (SPEC §2).
 */
export function environmentWarnings(appId: string, env: EnvName, config: Pick<EnvironmentConfig, 'kind'> & Partial<Pick<EnvironmentConfig, 'server_url'>>): string[] {
  const warnings: string[] = [];
  const deprecated = KIND_REGISTRY[config.kind].deprecated;
  if (deprecated) warnings.push(`"${appId}" ${env} (${config.kind}): ${deprecated}`);
  if (isUnresolvedServerUrl(config.server_url)) {
    warnings.push(`"${appId}" ${env}: server_url "${config.server_url!.slice(0, 80)}" is not an http(s) URL yet (an unresolved template?); kept as text. Set the real URL before tools use it.`);
  }
  return warnings;
}

export function connectionWarnings(doc: Pick<ConnectionDocument, 'app_id' | 'environments'>): string[] {
  return ENVIRONMENTS.flatMap((env) => {
    const config = doc.environments[env];
    return config ? environmentWarnings(doc.app_id, env, config) : [];
  });
}

/** Setting credentials on, or resolving, a kind that is accepted but never run: its message, as a 400. */
export function assertKindRuns(kind: Kind): void {
  const deprecated = KIND_REGISTRY[kind].deprecated;
  if (deprecated) throw badInput(deprecated);
}
