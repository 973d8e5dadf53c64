import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { getEnvironment } from '@/lib/connections/get-connection';
import { createConnection } from '@/lib/connections/save-connection';
import { findCredentialRow } from '@/lib/credentials/credential-view';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { getDb } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema';
import { seedUser, uniqueAppId } from '@/test/db-fixtures';
import { environmentLastUsedAt, flushCredentialUse, noteCredentialUse } from './usage';

describe('last used', () => {
  it('is the latest runtime read of any of the environment’s credentials, written in a batch', async () => {
    const admin = await seedUser('admin');
    const appId = uniqueAppId();
    await createConnection(admin, connectionSchema.parse({ app_id: appId, environments: { draft: { kind: 'bearer', type: 'team' } } }));
    await setCredentials(admin, appId, 'draft', parseCredentialsInput('bearer', { token: 't' }).data!);
    const environment = (await getEnvironment(appId, 'draft')).environment;
    expect(await environmentLastUsedAt(environment.id)).toBeNull();
    const before = Date.now();
    const credentialId = (await findCredentialRow(environment.id, 'team'))!.id;
    noteCredentialUse(credentialId);
    // Noted in memory first: nothing is written on the read itself.
    expect(await environmentLastUsedAt(environment.id)).toBeNull();
    await flushCredentialUse();
    const first = await environmentLastUsedAt(environment.id);
    expect(first).toBeGreaterThanOrEqual(before);
    expect(typeof first).toBe('number');
    // A time is only moved forward: an older read flushed later (another instance's) leaves it.
    await getDb().update(credentials).set({ lastUsedAt: first! + 60_000 }).where(eq(credentials.id, credentialId));
    noteCredentialUse(credentialId);
    await flushCredentialUse();
    expect(await environmentLastUsedAt(environment.id)).toBe(first! + 60_000);
  });
});
