import type { ConnectionDocument, EnvironmentConfig } from './connection-schema';
import { badInput } from '@/lib/errors';
import { ENVIRONMENTS, KIND_REGISTRY, type EnvName, type Kind } from './kinds';

/**
 * What a write accepted but will not run, said once and surfaced by every door (API `warnings`,
 * CLI stderr, the import plan). Today: the implicit flow, kept for orchestrate files (SPEC §2).
 */
export function environmentWarnings(appId: string, env: EnvName, config: Pick<EnvironmentConfig, 'kind'>): string[] {
  const deprecated = KIND_REGISTRY[config.kind].deprecated;
  return deprecated ? [`"${appId}" ${env} (${config.kind}): ${deprecated}`] : [];
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
