import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { environmentLastUsedAt, flushCredentialUse, noteCredentialUse } from './usage';

describe('last used', () => {
  it('is the latest runtime read of any of the environment’s credentials, written in a batch', () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
    setCredentials(admin, appId, 'draft', parseCredentialsInput('bearer', { token: 't' }).data!);
    const environment = getEnvironment(appId, 'draft').environment;
    expect(environmentLastUsedAt(environment.id)).toBeNull();
    const before = Date.now();
    noteCredentialUse(findCredentialRow(environment.id, 'team')!.id);
    // Noted in memory first: nothing is written on the read itself.
    expect(environmentLastUsedAt(environment.id)).toBeNull();
    flushCredentialUse();
    expect(environmentLastUsedAt(environment.id)).toBeGreaterThanOrEqual(before);
  });
});
