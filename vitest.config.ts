import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': import.meta.dirname,
      'server-only': path.resolve(import.meta.dirname, 'scripts/server-only-stub.mjs'),
    },
  },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'cli/**/*.test.ts'],
    setupFiles: ['./test/setup-unit.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    // next-auth imports `next/server` without an extension, which only a bundler resolves: the
    // route handler tests (lib/runtime/fast-path-parity.test.ts) load it through Vite.
    server: { deps: { inline: ['next-auth'] } },
  },
});
