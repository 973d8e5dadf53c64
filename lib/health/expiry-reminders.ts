import 'server-only';
import { and, eq, isNotNull, lte, ne, or, isNull } from 'drizzle-orm';
import { writeTransaction } from '@/lib/db/client';
import { connections, credentials, environments } from '@/lib/db/schema';
import { emitCredentialEvent } from './credential-events';
import { reminderHorizon } from './credential-expiry';

/**
 * Queues `credential.expiring` for every credential whose `expires_on` is within 14 days (or past)
 * and not yet reminded for that date; remembers the date, so each date is announced once. A new
 * date set later is announced again when it comes near.
 */
export async function sendExpiryReminders(now = Date.now()): Promise<number> {
  return writeTransaction(async (tx) => {
    const due = await tx
      .select({ id: credentials.id, expiresOn: credentials.expiresOn, userId: credentials.userId, env: environments.env, kind: environments.kind, appId: connections.appId })
      .from(credentials)
      .innerJoin(environments, eq(environments.id, credentials.environmentId))
      .innerJoin(connections, eq(connections.id, environments.connectionId))
      .where(
        and(
          isNotNull(credentials.expiresOn),
          lte(credentials.expiresOn, reminderHorizon(now)),
          or(isNull(credentials.expiryRemindedOn), ne(credentials.expiryRemindedOn, credentials.expiresOn)),
        ),
      );
    for (const c of due) {
      await emitCredentialEvent(tx, 'credential.expiring', { appId: c.appId, env: c.env, kind: c.kind, userId: c.userId }, 'success', {
        message: `Expires on ${c.expiresOn}.`,
      });
      await tx.update(credentials).set({ expiryRemindedOn: c.expiresOn }).where(eq(credentials.id, c.id));
    }
    return due.length;
  });
}
