import 'server-only';
import { decryptJson, encryptJson } from '@/lib/crypto/secret-box';
import { secretsContext, tokensContext } from '@/lib/crypto/sealing-contexts';
import type { CredentialRow } from '@/lib/db/schema';

/** Secret part of a credential row, decrypted. Only server code that resolves or merges sees this. */
export type CredentialSecrets = Record<string, unknown> & { parameters?: Record<string, string> };

export type StoredTokens = {
  access_token: string;
  refresh_token?: string;
  token_type?: string;
  id_token?: string;
  /** Token exchange / on-behalf-of: a hash of the subject token the access token was issued for. */
  subject_hash?: string;
};

export function sealSecrets(rowId: string, secrets: CredentialSecrets): string | null {
  return Object.keys(secrets).length ? encryptJson(secrets, secretsContext(rowId)) : null;
}

export function openSecrets(row: Pick<CredentialRow, 'id' | 'secretValues'>): CredentialSecrets {
  return row.secretValues ? decryptJson<CredentialSecrets>(row.secretValues, secretsContext(row.id)) : {};
}

export function sealTokens(rowId: string, tokens: StoredTokens): string {
  return encryptJson(tokens, tokensContext(rowId));
}

export function openTokens(row: Pick<CredentialRow, 'id' | 'tokens'>): StoredTokens | undefined {
  return row.tokens ? decryptJson<StoredTokens>(row.tokens, tokensContext(row.id)) : undefined;
}

/** Names of what is set in a secrets object, for the browser: `password`, `parameters.tenant_key`. */
export function secretNamesOf(secrets: CredentialSecrets): string[] {
  const names = Object.keys(secrets).filter((k) => k !== 'parameters');
  for (const key of Object.keys(secrets.parameters ?? {})) names.push(`parameters.${key}`);
  return names.sort();
}
