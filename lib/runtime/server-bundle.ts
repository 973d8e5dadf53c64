/**
 * What bin/server.mjs loads from dist/server.mjs (scripts/bundle.mjs): the start-up encryption key
 * check, the runtime-credentials fast path and the background work (webhook deliveries, token sweep),
 * compiled from the lib sources the Next route uses.
 */
export { checkEncryptionKeyAtStart } from '@/lib/crypto/key-check';
export { handleRuntimeRequest } from './fast-path';
export { startBackgroundWork } from '@/lib/health/background';
