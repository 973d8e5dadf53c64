/**
 * Next's start hook: opens the database (SQLite file or DATABASE_URL), applies its migrations, and
 * a wrong or missing encryption key stops the server before it serves (the same check bin/server.mjs
 * runs before Next; here it also covers `next dev` and `next start`).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { verifyDatabaseEncryptionKey } = await import('@/lib/crypto/key-check');
  await verifyDatabaseEncryptionKey();
}
