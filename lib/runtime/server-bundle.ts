/**
 * What bin/server.mjs loads from dist/server.mjs (scripts/bundle.mjs): the start-up encryption key
 * check and the runtime-credentials fast path, compiled from the lib sources the Next route uses.
 */
export { checkEncryptionKeyAtStart } from '@/lib/crypto/key-check';
export { handleRuntimeRequest } from './fast-path';
