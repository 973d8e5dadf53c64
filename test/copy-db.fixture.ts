/**
 * The two ends of a copy-db test, each a process of its own on the database its environment names
 * (the lib picks its dialect once per process). Run with `node bin/run-ts.mjs test/copy-db.fixture.ts`:
 * - `seed` (DATABASE_PATH, no DATABASE_URL): a console's data written with the lib's own verbs
 *   (users, connections, sealed credentials, audit); prints what `read` needs as one JSON line.
 * - `read SEEDED_JSON` (DATABASE_URL): the key check, then the credentials decrypted through the
 *   runtime path, and one more audited write; prints one JSON line.
 */
import { desc } from 'drizzle-orm';
import type { UserActor } from '@/lib/auth/actor';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { parseCredentialsInput } from '@/lib/connections/credentials-schema';
import { createConnection } from '@/lib/connections/save-connection';
import { verifyDatabaseEncryptionKey } from '@/lib/crypto/key-check';
import { setCredentials } from '@/lib/credentials/set-credentials';
import { closeDatabase, dialect, getDb } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { resolveRuntimeCredentials } from '@/lib/runtime/resolve-runtime-credentials';
import { createFirstAdmin, createUser } from '@/lib/users/users';

export type Seeded = { admin: UserActor; member: UserActor; teamApp: string; memberApp: string; lastAuditId: number };
export type ReadBack = { dialect: string; team: Record<string, unknown>; own: Record<string, unknown>; lastAuditId: number; nextAuditId: number };

function credentialsInput(kind: 'bearer' | 'basic', values: Record<string, string>) {
  const parsed = parseCredentialsInput(kind, values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const lastAuditId = async () => (await getDb().select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0].id;

async function seed(): Promise<Seeded> {
  await verifyDatabaseEncryptionKey(); // as the entry points do: the key check value is copied too
  const first = await createFirstAdmin({ email: 'first-admin@example.test', name: undefined, password: 'first-admin-password' });
  const admin: UserActor = { id: first.id, email: first.email, role: 'admin', via: 'session' };
  const added = await createUser(admin, { email: 'member@example.test', name: undefined, role: 'member', password: 'member-password-1' });
  const member: UserActor = { id: added.id, email: added.email, role: 'member', via: 'session' };
  const suffix = Date.now().toString(36);
  const teamApp = `copy_team_${suffix}`;
  const memberApp = `copy_member_${suffix}`;
  await createConnection(admin, connectionSchema.parse({ app_id: teamApp, environments: { draft: { kind: 'bearer', type: 'team' } } }));
  await createConnection(admin, connectionSchema.parse({ app_id: memberApp, environments: { draft: { kind: 'basic', type: 'member' } } }));
  await setCredentials(admin, teamApp, 'draft', credentialsInput('bearer', { token: 'team-secret-token' }));
  await setCredentials(member, memberApp, 'draft', credentialsInput('basic', { username: 'member-login', password: 'member-secret-password' }));
  return { admin, member, teamApp, memberApp, lastAuditId: await lastAuditId() };
}

async function read(seeded: Seeded): Promise<ReadBack> {
  await verifyDatabaseEncryptionKey();
  const team = await resolveRuntimeCredentials({ ...seeded.admin, via: 'api_key' }, { appId: seeded.teamApp, env: 'draft' });
  const own = await resolveRuntimeCredentials({ ...seeded.member, via: 'api_key' }, { appId: seeded.memberApp, env: 'draft' });
  const copiedLast = await lastAuditId();
  await setCredentials(seeded.admin, seeded.teamApp, 'draft', credentialsInput('bearer', { token: 'token-set-after-the-copy' }));
  return { dialect: dialect(), team: team.credentials, own: own.credentials, lastAuditId: copiedLast, nextAuditId: await lastAuditId() };
}

const [command, argument] = process.argv.slice(2);
const result = command === 'seed' ? await seed() : await read(JSON.parse(argument) as Seeded);
console.log(JSON.stringify(result));
await closeDatabase();
