import 'server-only';
import type { EnvironmentRow } from '@/lib/db/schema';
import { publicAuthSettings } from './environment-mapping';

/** The editor's starting values: stored settings (password config values emptied) or sensible blanks. */
export function authSettingsFormValues(row: EnvironmentRow) {
  const auth = publicAuthSettings(row);
  return {
    initial: {
      scopes: auth?.scopes ?? { delimiter: 'space' as const, items: [], allow_customize: false, allow_additional: false },
      parameters: auth?.parameters ?? [],
      config_values: (auth?.config_values ?? []).map(({ has_value: _set, ...c }) => c),
      token_request: auth?.token_request ?? { content_type: 'application/x-www-form-urlencoded' as const, response_token_key: 'access_token' },
      // One text field per URL in the editor: the hosts joined with commas.
      allowed_hosts: {
        server_url: (auth?.allowed_hosts?.server_url ?? []).join(', '),
        token_url: (auth?.allowed_hosts?.token_url ?? []).join(', '),
        authorization_url: (auth?.allowed_hosts?.authorization_url ?? []).join(', '),
      },
      ...(auth?.verification ? { verification: auth.verification } : {}),
    },
    storedSecrets: (auth?.config_values ?? []).filter((c) => c.has_value).map((c) => c.key),
  };
}
