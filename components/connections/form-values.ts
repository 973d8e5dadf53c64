import type { EnvironmentConfig } from '@/lib/connections/connection-schema';
import type { Kind } from '@/lib/connections/kinds';

/** Form-side shapes: key/value maps as rows, which the shared zod schemas accept as they are. */
export type PairRow = { key: string; value: string };

export type EnvironmentFormValues = {
  kind: Kind;
  type: 'team' | 'member';
  server_url: string;
  sso: boolean;
  idp_config: { header: PairRow[]; body: PairRow[] };
  app_config: { header: PairRow[] };
  custom_config_entries: PairRow[];
};

export const rows = (record: Record<string, string> | undefined): PairRow[] => Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));

export function environmentFormValues(config?: Omit<EnvironmentConfig, 'auth'>): EnvironmentFormValues {
  return {
    kind: config?.kind ?? 'basic',
    type: config?.type ?? 'team',
    server_url: config?.server_url ?? '',
    sso: config?.sso ?? false,
    idp_config: { header: rows(config?.idp_config?.header), body: rows(config?.idp_config?.body) },
    app_config: { header: rows(config?.app_config?.header) },
    custom_config_entries: rows(config?.custom_config_entries),
  };
}

const filled = (list: PairRow[]) => list.filter((r) => r.key.trim() !== '' || r.value !== '');

/** Drops empty optional sections so a saved connection exports without noise. */
export function environmentInput(values: EnvironmentFormValues) {
  const idp = { header: filled(values.idp_config.header), body: filled(values.idp_config.body) };
  const app = { header: filled(values.app_config.header) };
  return {
    kind: values.kind,
    type: values.type,
    server_url: values.server_url,
    sso: values.sso,
    idp_config: values.sso || idp.header.length || idp.body.length ? idp : undefined,
    app_config: app.header.length ? app : undefined,
    custom_config_entries: filled(values.custom_config_entries).length ? filled(values.custom_config_entries) : undefined,
  };
}
