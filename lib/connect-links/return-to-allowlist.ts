import 'server-only';
import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertAdmin, type Actor } from '@/lib/auth/actor';
import { getDb, writeTransaction } from '@/lib/db/client';
import { appMeta } from '@/lib/db/schema';
import { badInput } from '@/lib/errors';

export { returnToAllowlistSchema } from './return-to-allowlist-schema';

const KEY = 'connect_link_return_to_allowlist';

export async function readReturnToAllowlist(db = getDb()): Promise<string[]> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, KEY)).limit(1);
  if (!row) return [];
  const parsed = z.array(z.string()).safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : [];
}

export async function saveReturnToAllowlist(actor: Actor, entries: string[]): Promise<void> {
  assertAdmin(actor, 'Only admins can change where connect links may return to.');
  const normalized = [...new Set(entries.map((e) => new URL(e).href))];
  await writeTransaction(async (tx) => {
    await tx.insert(appMeta).values({ key: KEY, value: JSON.stringify(normalized) }).onConflictDoUpdate({ target: appMeta.key, set: { value: JSON.stringify(normalized) } });
    await recordAuditEvent({ actor, action: 'settings.return_to_allowlist', targetType: 'settings', target: 'return-to allowlist', detail: { entries: normalized.length } }, tx);
  });
}

/** Same origin, and the path inside the entry's path: `https://a.example/done` allows `/done/x`, not `/donez`. */
export function returnToAllowed(url: string, allowlist: string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return allowlist.some((entry) => {
    const allowed = new URL(entry);
    if (allowed.origin !== target.origin) return false;
    const base = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}/`;
    return target.pathname === allowed.pathname || target.pathname.startsWith(base);
  });
}

export async function assertReturnToAllowed(url: string | undefined, db = getDb()): Promise<void> {
  if (url && !returnToAllowed(url, await readReturnToAllowlist(db))) {
    throw badInput('That return URL is not on the allowlist (Settings → Connect links).', { return_to: 'Not on the allowlist set by admins.' });
  }
}
