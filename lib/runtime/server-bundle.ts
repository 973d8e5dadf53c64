/**
 * What bin/server.mjs loads from dist/server.mjs (scripts/bundle.mjs): the start-up encryption key
 * check (which also opens and migrates the database), the runtime-credentials fast path with its
 * audit flush at shutdown, and the background work (webhook deliveries, token sweep), compiled from
 * the lib sources the Next route uses.
 */
export { checkEncryptionKeyAtStart } from '@/lib/crypto/key-check';
export { handleRuntimeRequest } from './fast-path';
export { flushRuntimeAudit } from './runtime-audit';
export { startBackgroundWork } from '@/lib/health/background';
